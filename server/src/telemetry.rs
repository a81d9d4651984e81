//! Logs. Every request gets a span with its request id, tenant and user, so one tenant's
//! activity can be followed on its own (`grep 'tenant=5q'`), and one request across lines.
//! `ATRIUM_LOG_FORMAT=json` writes one JSON object per line, with every span's fields, for log
//! pipelines.

use axum::http::Request;
use tower_http::trace::{MakeSpan, TraceLayer};
use tracing::Span;
use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_http=info"));
    let json = std::env::var("ATRIUM_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let fmt = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        fmt.json()
            .with_current_span(false)
            .with_span_list(true)
            .try_init()
    } else {
        fmt.try_init()
    };
}

/// The header carrying a request's id: set by a proxy in front, or made here (a UUID), and
/// returned on the response so a user's report can be matched to the logs.
pub const REQUEST_ID: &str = "x-request-id";

/// The request's id as logs may show it: a proxy's id of up to 64 plain characters, else `-`.
fn request_id<B>(req: &Request<B>) -> &str {
    req.headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .unwrap_or("-")
}

#[derive(Clone, Copy)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, req: &Request<B>) -> Span {
        tracing::info_span!(
            "request",
            request_id = %request_id(req),
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
