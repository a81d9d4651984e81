//! Outgoing mail. Messages are written to the tenant's outbox with what they announce, and the
//! `mail.send` job (jobs/mail_delivery.rs) hands each to the server's `Mailer`: SMTP through
//! lettre when `ATRIUM_SMTP_URL` is set, otherwise `LogMailer`, which only notes that a message
//! was not sent (admins then copy invitation links themselves).

use async_trait::async_trait;
use std::sync::Arc;

/// One plain-text message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// What happened to a message the mailer accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// A mail server took it.
    Sent,
    /// No mail server is configured; it was only logged.
    Logged,
}

impl Delivery {
    /// The outbox status it becomes.
    pub fn status(self) -> &'static str {
        match self {
            Delivery::Sent => "sent",
            Delivery::Logged => "logged",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// Worth trying again (the server was away, a temporary refusal).
    #[error("mail delivery failed for now: {0}")]
    Transient(String),
    /// Trying again cannot help (an address the server refuses).
    #[error("mail delivery refused: {0}")]
    Permanent(String),
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, mail: &Mail) -> Result<Delivery, MailError>;

    /// Whether messages really leave this server (the admin pages say so).
    fn delivers(&self) -> bool;
}

/// The mailer for a server without a mail server: notes each message in the log — recipient and
/// subject only, since a body may hold a single-use link.
pub struct LogMailer;

#[async_trait]
impl Mailer for LogMailer {
    async fn send(&self, mail: &Mail) -> Result<Delivery, MailError> {
        tracing::info!(
            to = %mail.to,
            subject = %mail.subject,
            "mail not sent: no mail server is configured (ATRIUM_SMTP_URL)"
        );
        Ok(Delivery::Logged)
    }

    fn delivers(&self) -> bool {
        false
    }
}

/// SMTP through lettre, from a URL such as `smtps://user:pass@smtp.example.org` or
/// `smtp://localhost:2525` (lettre's URL format: `?tls=required` for STARTTLS).
pub struct SmtpMailer {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpMailer {
    pub fn from_url(url: &str, from: &str) -> Result<Self, String> {
        let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|e| format!("ATRIUM_SMTP_URL is not a usable SMTP URL: {e}"))?
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("ATRIUM_MAIL_FROM is not a mail address: {e}"))?;
        Ok(Self { transport, from })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: &Mail) -> Result<Delivery, MailError> {
        use lettre::AsyncTransport;
        let to = mail
            .to
            .parse()
            .map_err(|e| MailError::Permanent(format!("bad recipient: {e}")))?;
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| MailError::Permanent(e.to_string()))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(Delivery::Sent),
            Err(e) if e.is_permanent() => Err(MailError::Permanent(e.to_string())),
            Err(e) => Err(MailError::Transient(e.to_string())),
        }
    }

    fn delivers(&self) -> bool {
        true
    }
}

/// The server's mailer: SMTP when a URL is configured, the log otherwise.
pub fn from_config(smtp_url: Option<&str>, from: &str) -> Result<Arc<dyn Mailer>, String> {
    Ok(match smtp_url {
        Some(url) => Arc::new(SmtpMailer::from_url(url, from)?),
        None => Arc::new(LogMailer),
    })
}
