//! What each request costs, counted two ways (issue 12):
//!
//! - **Prometheus** (`crate::metrics`): requests and latency by route and tier, 429s by tier. No
//!   tenant label, so the number of series stays bounded however many tenants there are.
//! - **Per tenant, per minute** (`tenant_usage`): requests, 5xx errors, 429s, database time and
//!   latency buckets, summed here and added to the table every few seconds by every instance, for
//!   the console's "Noisy neighbours" view.

use crate::state::AppState;
use app::data::Db;
use app::data::repos::tenant_usage::{self, BUCKETS, MinuteUsage};
use app::request::RequestSite;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use uuid::Uuid;

#[derive(Debug, Clone, Copy)]
struct Counts {
    requests: i32,
    errors: i32,
    limited: i32,
    db_micros: i64,
    buckets: [i32; BUCKETS],
}

impl Default for Counts {
    fn default() -> Self {
        Self {
            requests: 0,
            errors: 0,
            limited: 0,
            db_micros: 0,
            buckets: [0; BUCKETS],
        }
    }
}

/// This instance's counts not yet written, by tenant and minute.
#[derive(Default)]
pub struct UsageRecorder {
    pending: Mutex<HashMap<(Uuid, DateTime<Utc>), Counts>>,
}

/// The minute `at` falls in.
fn minute_of(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::minutes(1)).unwrap_or(at)
}

impl UsageRecorder {
    /// Counts one request of `tenant` that took `elapsed`, `db` of it in the database.
    pub fn record(&self, tenant: Uuid, elapsed: Duration, db: Duration, status: StatusCode) {
        let key = (tenant, minute_of(Utc::now()));
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        let counts = pending.entry(key).or_default();
        counts.requests = counts.requests.saturating_add(1);
        if status.is_server_error() {
            counts.errors = counts.errors.saturating_add(1);
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            counts.limited = counts.limited.saturating_add(1);
        }
        let micros = i64::try_from(db.as_micros()).unwrap_or(i64::MAX);
        counts.db_micros = counts.db_micros.saturating_add(micros);
        let bucket = tenant_usage::bucket_of(elapsed.as_secs_f64() * 1000.0);
        counts.buckets[bucket] = counts.buckets[bucket].saturating_add(1);
    }

    fn take(&self) -> Vec<MinuteUsage> {
        let Ok(mut pending) = self.pending.lock() else {
            return Vec::new();
        };
        std::mem::take(&mut *pending)
            .into_iter()
            .map(|((tenant_id, minute), c)| MinuteUsage {
                tenant_id,
                minute,
                requests: c.requests,
                errors: c.errors,
                limited: c.limited,
                db_micros: c.db_micros,
                buckets: c.buckets.to_vec(),
            })
            .collect()
    }

    /// Counts a failed write gives back, to go with the next one.
    fn put_back(&self, rows: Vec<MinuteUsage>) {
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        for row in rows {
            let counts = pending.entry((row.tenant_id, row.minute)).or_default();
            counts.requests = counts.requests.saturating_add(row.requests);
            counts.errors = counts.errors.saturating_add(row.errors);
            counts.limited = counts.limited.saturating_add(row.limited);
            counts.db_micros = counts.db_micros.saturating_add(row.db_micros);
            for (mine, theirs) in counts.buckets.iter_mut().zip(row.buckets) {
                *mine = mine.saturating_add(theirs);
            }
        }
    }

    /// Adds what was counted since the last flush to `tenant_usage`; on failure the counts are
    /// kept for the next try. Returns how many (tenant, minute) rows were written.
    pub async fn flush(&self, db: &Db) -> Result<usize, sea_orm::DbErr> {
        let rows = self.take();
        let written = rows.len();
        match tenant_usage::add(db, &rows).await {
            Ok(()) => Ok(written),
            Err(e) => {
                self.put_back(rows);
                Err(e)
            }
        }
    }
}

/// Flushes every `every` until the process stops.
pub fn spawn_flushing(state: &AppState, every: Duration) {
    let (usage, db) = (state.usage.clone(), state.db.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = usage.flush(&db).await {
                tracing::warn!(error = %e, "could not write tenant usage; kept for the next try");
            }
        }
    });
}

/// Bounded route names for the Prometheus labels (never the path itself).
fn route_of(path: &str) -> &'static str {
    if path.starts_with("/console/api/") {
        "console_function"
    } else if path.starts_with("/api/") {
        "server_function"
    } else if path.starts_with("/console") && path.ends_with("/export") {
        "console_export"
    } else if path.starts_with("/console") {
        "console_page"
    } else if path.starts_with("/media/") {
        "media"
    } else if path == "/payments/events" {
        "payment_events"
    } else if path.ends_with(".csv") || path.starts_with("/admin/analytics/") {
        "download"
    } else {
        "page"
    }
}

fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// The layer, right after tenant resolution: counts every request of a site, with its time in
/// the database.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let tenant = request
        .extensions()
        .get::<RequestSite>()
        .and_then(|site| site.tenant().map(|t| (t.id(), t.tier())));
    let route = route_of(request.uri().path());
    let (response, db_time) = app::data::db_clock::measure(next.run(request)).await;
    let elapsed = started.elapsed();
    let status = response.status();
    let tier = tenant.map_or("platform", |(_, tier)| tier.as_str());
    metrics::counter!(
        "atrium_http_requests_total",
        "route" => route, "tier" => tier, "status" => status_class(status)
    )
    .increment(1);
    metrics::histogram!(
        "atrium_http_request_duration_seconds",
        "route" => route, "tier" => tier
    )
    .record(elapsed.as_secs_f64());
    if status == StatusCode::TOO_MANY_REQUESTS {
        metrics::counter!("atrium_rate_limited_total", "tier" => tier).increment(1);
    }
    if let Some((id, _)) = tenant {
        state.usage.record(id, elapsed, db_time, status);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_named_from_a_fixed_set() {
        assert_eq!(route_of("/api/list_courses"), "server_function");
        assert_eq!(route_of("/console/api/x"), "console_function");
        assert_eq!(route_of("/console/tenants/a/export"), "console_export");
        assert_eq!(route_of("/console/usage"), "console_page");
        assert_eq!(route_of("/studio/courses/1/learners.csv"), "download");
        assert_eq!(route_of("/courses/anything-at-all"), "page");
    }

    #[test]
    fn counts_add_up_by_tenant_and_minute_and_survive_a_failed_write() {
        let recorder = UsageRecorder::default();
        let tenant = Uuid::new_v4();
        let ms = Duration::from_millis;
        recorder.record(tenant, ms(4), ms(1), StatusCode::OK);
        recorder.record(tenant, ms(400), ms(0), StatusCode::INTERNAL_SERVER_ERROR);
        recorder.record(tenant, ms(1), ms(0), StatusCode::TOO_MANY_REQUESTS);
        let rows = recorder.take();
        // Three requests in one or two minutes (the clock may have ticked between them).
        assert_eq!(rows.iter().map(|r| r.requests).sum::<i32>(), 3);
        assert_eq!(rows.iter().map(|r| r.errors).sum::<i32>(), 1);
        assert_eq!(rows.iter().map(|r| r.limited).sum::<i32>(), 1);
        assert_eq!(rows.iter().map(|r| r.db_micros).sum::<i64>(), 1000);
        assert!(recorder.take().is_empty(), "taken once");
        recorder.put_back(rows.clone());
        recorder.put_back(rows);
        let again = recorder.take();
        assert_eq!(again.iter().map(|r| r.requests).sum::<i32>(), 6);
        let buckets: Vec<i32> = again.iter().fold(vec![0; BUCKETS], |mut sum, r| {
            for (s, b) in sum.iter_mut().zip(&r.buckets) {
                *s += b;
            }
            sum
        });
        assert_eq!(buckets.iter().sum::<i32>(), 6);
        assert_eq!(buckets[tenant_usage::bucket_of(400.0)], 2);
    }
}
