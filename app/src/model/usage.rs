//! What the console's "Noisy neighbours" view shows: the tenants using the platform most in the
//! last hour, from the per-minute usage every instance writes.

use serde::{Deserialize, Serialize};

/// How far back the view looks, in minutes.
pub const WINDOW_MINUTES: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoisyNeighbour {
    pub slug: String,
    pub name: String,
    pub tier: String,
    pub requests: i64,
    /// Responses with a 5xx status.
    pub errors: i64,
    /// Requests refused by the tenant's rate limits (429).
    pub limited: i64,
    /// Time its requests spent waiting on the database, in milliseconds.
    pub db_millis: i64,
    /// 95th percentile latency, as the upper bound of its bucket (`None`: beyond the last).
    pub p95_millis: Option<u32>,
    /// Requests in each minute of the window, oldest first (`WINDOW_MINUTES` values).
    pub per_minute: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageReport {
    pub tenants: Vec<NoisyNeighbour>,
    /// Requests of every tenant in the window.
    pub total_requests: i64,
}
