use crate::config::Config;
use app::auth::SignInLimiter;
use app::data::Db;
use app::dns::TxtResolver;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Everything a handler needs, built once at start-up. Cloned per request by every layer that
/// takes state, so it is one reference count, not a dozen.
#[derive(Clone)]
pub struct AppState(Arc<Parts>);

impl AppState {
    pub fn new(parts: Parts) -> Self {
        Self(Arc::new(parts))
    }

    /// Changes a part before serving starts (tests swap the mailer and the resolver).
    pub fn edit(&mut self) -> &mut Parts {
        Arc::make_mut(&mut self.0)
    }
}

impl std::ops::Deref for AppState {
    type Target = Parts;
    fn deref(&self) -> &Parts {
        &self.0
    }
}

/// What `AppState` holds.
#[derive(Clone)]
pub struct Parts {
    pub leptos: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub limiter: Arc<SignInLimiter>,
    /// Per-tenant rate limits and fair sharing of the server.
    pub admission: Arc<crate::admission::Admission>,
    /// Throttles the inbound payment events endpoint.
    pub event_limiter: Arc<app::billing::EventLimiter>,
    /// DNS lookups for custom-domain verification (a fake in tests).
    pub resolver: Arc<dyn TxtResolver>,
    /// Where the job worker hands outgoing mail (SMTP, or the log).
    pub mailer: Arc<dyn app::mail::Mailer>,
    /// This instance's per-tenant usage counts, written to `tenant_usage` every few seconds.
    pub usage: Arc<crate::usage::UsageRecorder>,
    /// Where `/metrics` answers, once bound (None: metrics are off).
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// Takes payments (the simulated provider unless another is configured).
    pub payments: Arc<dyn app::billing::PaymentProvider>,
}
