//! `/metrics` in Prometheus's text format, on its own address (`ATRIUM_METRICS_ADDR`), never on
//! the public one. Request counts and latency come from `crate::usage::layer`; the pool and the
//! job queue are read when Prometheus scrapes.

use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

/// Request latency buckets, in seconds.
const LATENCY_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's one recorder (the `metrics` facade is global; test servers share it).
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("atrium_http_request_duration_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .ok()?;
            match builder.install_recorder() {
                Ok(handle) => Some(handle),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// Installs the recorder, so requests are counted from the first one, and drains recorded
/// latencies into their buckets every few seconds (the recorder keeps raw samples until then, so
/// memory would grow without a scrape).
pub fn install() {
    static UPKEEP: OnceLock<()> = OnceLock::new();
    if handle().is_some() {
        UPKEEP.get_or_init(|| {
            tokio::spawn(async {
                let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
                loop {
                    tick.tick().await;
                    if let Some(handle) = handle() {
                        handle.run_upkeep();
                    }
                }
            });
        });
    }
}

/// The metrics listener's router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    let Some(handle) = handle() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "metrics are not available").into_response();
    };
    let (size, idle) = state.db.pool_usage();
    metrics::gauge!("atrium_db_pool_connections", "state" => "idle").set(idle as f64);
    metrics::gauge!("atrium_db_pool_connections", "state" => "in_use")
        .set(size.saturating_sub(idle as u32) as f64);
    metrics::gauge!("atrium_db_pool_max_connections")
        .set(f64::from(state.config.db_max_connections));
    match app::data::repos::jobs::depth_now(&state.db, chrono::Utc::now()).await {
        Ok(depth) => {
            metrics::gauge!("atrium_jobs", "status" => "queued").set(depth.queued as f64);
            metrics::gauge!("atrium_jobs", "status" => "due").set(depth.due as f64);
            metrics::gauge!("atrium_jobs", "status" => "running").set(depth.running as f64);
            metrics::gauge!("atrium_jobs", "status" => "failed").set(depth.failed as f64);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: job queue depth unavailable"),
    }
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}
