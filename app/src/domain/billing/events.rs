//! Inbound payment events, as real providers send them: to a per-tenant endpoint, signed with
//! the tenant's own secret (HMAC-SHA256 over `"<timestamp>.<body>"`, in the header
//! `Atrium-Signature: t=<unix seconds>,v1=<hex>`), identified by an event id so a replay changes
//! nothing, and ordered by the provider's timestamp so an older event arriving late cannot undo
//! a newer one.

use super::lifecycle::{self, Settled};
use crate::data::TenantTx;
use crate::data::repos::payments;
use crate::data::repos::subscriptions::{self, Change};
use crate::error::AppError;
use crate::model::subscription::ChangeCause;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use sha2::Sha256;
use uuid::Uuid;

pub const SIGNATURE_HEADER: &str = "atrium-signature";

/// How far a signature's timestamp may be from now: older ones are refused as replays.
const TOLERANCE_SECS: i64 = 300;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EventError {
    #[error("missing or malformed signature header")]
    MalformedSignature,
    #[error("signature does not match")]
    BadSignature,
    #[error("signature timestamp outside the tolerance")]
    Expired,
    #[error("event body is not a payment event: {0}")]
    BadBody(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaymentEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// When the provider says it happened (unix seconds).
    pub created: i64,
    pub invoice: Uuid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum EventKind {
    #[serde(rename = "invoice.paid")]
    InvoicePaid,
    #[serde(rename = "invoice.payment_failed")]
    InvoicePaymentFailed,
}

impl EventKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::InvoicePaid => "invoice.paid",
            Self::InvoicePaymentFailed => "invoice.payment_failed",
        }
    }
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The header value a provider sends for `body` at `timestamp`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let digest = mac(secret, timestamp, body).finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// Checks the signature (in constant time) and the timestamp, then parses the event.
pub fn verify(
    secret: &str,
    header: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<PaymentEvent, EventError> {
    let header = header.ok_or(EventError::MalformedSignature)?;
    let (mut timestamp, mut given) = (None, None);
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => given = decode_hex(v),
            _ => {}
        }
    }
    let (timestamp, given) = timestamp.zip(given).ok_or(EventError::MalformedSignature)?;
    mac(secret, timestamp, body)
        .verify_slice(&given)
        .map_err(|_| EventError::BadSignature)?;
    if (now.timestamp() - timestamp).abs() > TOLERANCE_SECS {
        return Err(EventError::Expired);
    }
    serde_json::from_slice(body).map_err(|e| EventError::BadBody(e.to_string()))
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 128 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// What an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// It changed the invoice and what it bills.
    Done,
    /// Its id was seen before: nothing changed.
    Replay,
    /// A newer event for the same subscription was applied already: kept, not applied.
    Stale,
    /// The invoice was settled before, or is not this tenant's: kept, not applied.
    Ignored,
}

/// Records the event once and applies it if it is the newest for its subscription.
pub async fn apply(tx: &TenantTx, event: &PaymentEvent) -> Result<Applied, AppError> {
    let at = DateTime::from_timestamp(event.created, 0)
        .ok_or_else(|| AppError::BadRequest("The event's time is out of range.".into()))?;
    let payload = serde_json::json!({ "type": event.kind.as_str(), "invoice": event.invoice });
    if !payments::record_event(tx, &event.id, event.kind.as_str(), at, payload).await? {
        return Ok(Applied::Replay);
    }
    let Some(invoice) = payments::find_invoice(tx, event.invoice).await? else {
        return Ok(Applied::Ignored);
    };
    if let Some(sub) = invoice.subscription_id
        && !subscriptions::note_event(tx, sub, at).await?
    {
        return Ok(Applied::Stale);
    }
    let reason = format!("payment event {}", event.id);
    let change = Change {
        cause: ChangeCause::Payment,
        actor: None,
        reason: &reason,
    };
    let paid = event.kind == EventKind::InvoicePaid;
    match lifecycle::settle(tx, &invoice, paid, change, at).await? {
        Settled::Changed => {
            payments::mark_applied(tx, &event.id).await?;
            Ok(Applied::Done)
        }
        Settled::AlreadySettled => Ok(Applied::Ignored),
    }
}

/// Why an inbound event was refused.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Not signed with this tenant's secret, malformed, or too old: 400, nothing changes.
    #[error(transparent)]
    Event(#[from] EventError),
    #[error(transparent)]
    App(#[from] AppError),
}

/// The endpoint's work for one tenant: verify with its secret, then record and apply the event,
/// all in one tenant transaction (nothing is kept when it is refused).
pub async fn receive(
    db: &crate::data::Db,
    tenant: &crate::data::ResolvedTenant,
    signature: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Applied, Refused> {
    let tx = tenant.begin(db).await.map_err(AppError::from)?;
    let secret = payments::webhook_secret(&tx)
        .await
        .map_err(AppError::from)?;
    let event = verify(&secret, signature, body, now)?;
    let applied = apply(&tx, &event).await?;
    tx.commit().await.map_err(AppError::from)?;
    tracing::info!(event = %event.id, kind = event.kind.as_str(), ?applied, "payment event");
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"id":"evt_1","type":"invoice.paid","created":1700000000,"invoice":"6f1f3a52-8c61-4a8e-9a57-1b1f8c3f2a10"}"#;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    #[test]
    fn a_signed_event_verifies_and_anything_else_is_refused() {
        let header = signature("secret", 1_700_000_000, BODY);
        let event = verify("secret", Some(&header), BODY, at(1_700_000_100)).unwrap();
        assert_eq!(event.id, "evt_1");
        assert_eq!(event.kind, EventKind::InvoicePaid);

        let wrong_key = verify("other", Some(&header), BODY, at(1_700_000_100));
        assert_eq!(wrong_key.unwrap_err(), EventError::BadSignature);
        let tampered = verify("secret", Some(&header), b"{}", at(1_700_000_100));
        assert_eq!(tampered.unwrap_err(), EventError::BadSignature);
        let late = verify("secret", Some(&header), BODY, at(1_700_001_000));
        assert_eq!(late.unwrap_err(), EventError::Expired);
        for bad in [None, Some("v1=00"), Some("t=1700000000"), Some("t=x,v1=zz")] {
            assert_eq!(
                verify("secret", bad, BODY, at(1_700_000_000)).unwrap_err(),
                EventError::MalformedSignature
            );
        }
    }
}
