//! Logs. Every request gets a span with its tenant and user, so one tenant's activity can be
//! followed on its own (`grep 'tenant=5q'`).

use axum::http::Request;
use tower_http::trace::{MakeSpan, TraceLayer};
use tracing::Span;
use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

#[derive(Clone, Copy)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, req: &Request<B>) -> Span {
        tracing::info_span!(
            "request",
            method = %req.method(),
            path = %req.uri().path(),
            tenant = tracing::field::Empty,
            user = tracing::field::Empty,
            impersonator = tracing::field::Empty,
        )
    }
}

pub fn layer() -> TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    RequestSpan,
> {
    TraceLayer::new_for_http().make_span_with(RequestSpan)
}
