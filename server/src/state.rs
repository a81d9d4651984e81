use crate::config::Config;
use app::auth::SignInLimiter;
use app::data::Db;
use app::dns::TxtResolver;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Everything a handler needs, built once at start-up and cloned per request.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub limiter: Arc<SignInLimiter>,
    /// DNS lookups for custom-domain verification (a fake in tests).
    pub resolver: Arc<dyn TxtResolver>,
    /// Where the job worker hands outgoing mail (SMTP, or the log).
    pub mailer: Arc<dyn app::mail::Mailer>,
}
