//! Background jobs: work that happens later, outside a request (deleting a tenant after its
//! grace period; delivering mail; renewing subscriptions and chasing failed payments).
//!
//! The queue is one PostgreSQL table (`jobs`, migration 0016) claimed with
//! `FOR UPDATE SKIP LOCKED`, rather than a queue crate: a job must run inside the same tenant or
//! platform transaction as everything else here, under the database roles and Row-Level Security
//! the application already uses, and its completion must commit with its effect. The crates
//! looked at (apalis with its Postgres storage) keep their own schema and connection and
//! acknowledge a job apart from its effect, which gives at-least-once effects instead.
//!
//! - Every job names its tenant (`jobs.tenant_id`); platform jobs run through the platform role,
//!   in a transaction named after the job.
//! - A job's effect and its "done" mark commit together (`jobs::finish`), so a job killed mid-run
//!   changes nothing and is claimed again once its lease runs out: its effect happens once.
//! - Failures are retried with exponential backoff, up to the job's `max_attempts`; the console
//!   lists failed jobs with "retry" and "discard".
//! - Enqueueing is idempotent by the job's key.
//! - Workers run inside the server process (`Worker::spawn`); `ATRIUM_JOBS=off` turns them off
//!   for one instance.

pub mod billing;
mod clock;
pub mod mail_delivery;
pub mod tenant_deletion;
mod worker;

pub use clock::{Clock, ManualClock, SystemClock};
pub use worker::{Outcome, Worker, backoff};
