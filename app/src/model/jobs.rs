//! The console's view of the background job queue (what crosses the wire).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    /// Waiting, of which `due` could run now.
    pub queued: i64,
    pub due: i64,
    pub running: i64,
    pub failed: i64,
    /// Failed jobs, newest first (each can be retried or discarded).
    pub failed_jobs: Vec<JobLine>,
    /// Jobs waiting for their time, soonest first.
    pub upcoming: Vec<JobLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobLine {
    pub id: Uuid,
    pub kind: String,
    /// The tenant's slug, while the tenant exists.
    pub tenant: Option<String>,
    /// When it runs (or ran), UTC.
    pub run_at: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: String,
}
