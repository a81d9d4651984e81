//! The job queue's table (migrations 0016): enqueue by key, claim with a lease, finish inside the
//! job's own transaction, retry later or give up, and the console's view of it.
//!
//! Time comes from the caller (the worker's clock), never from `now()` in SQL, so tests can move
//! it; only bookkeeping columns (`updated_at`) use the database's clock.

use crate::data::db::{Db, PlatformTx, TenantTx};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

pub struct NewJob<'a> {
    pub kind: &'a str,
    /// Unique per piece of work: enqueueing the same key again while it is queued or running
    /// changes nothing.
    pub key: &'a str,
    pub tenant: Option<Uuid>,
    pub payload: serde_json::Value,
    pub run_at: DateTime<Utc>,
    pub max_attempts: i32,
}

/// Queues a job. Returns `false` when a job with that key is already queued or running; a
/// finished, failed or cancelled one with the same key is armed again.
pub async fn enqueue(tx: &PlatformTx, job: NewJob<'_>) -> Result<bool, DbErr> {
    let armed = tx
        .conn()
        .query_one_raw(stmt(
            "INSERT INTO jobs (kind, job_key, tenant_id, payload, run_at, max_attempts) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (job_key) DO UPDATE SET kind = EXCLUDED.kind, \
               tenant_id = EXCLUDED.tenant_id, payload = EXCLUDED.payload, \
               run_at = EXCLUDED.run_at, max_attempts = EXCLUDED.max_attempts, \
               status = 'queued', attempts = 0, locked_until = NULL, last_error = '', \
               finished_at = NULL, updated_at = now() \
             WHERE jobs.status NOT IN ('queued', 'running') \
             RETURNING id",
            [
                job.kind.into(),
                job.key.into(),
                job.tenant.into(),
                job.payload.into(),
                job.run_at.into(),
                job.max_attempts.into(),
            ],
        ))
        .await?;
    Ok(armed.is_some())
}

/// Queues a job for the transaction's own tenant, from a tenant transaction: the database lets a
/// tenant enqueue only `mail.*` jobs for itself (migration 0020). Keys must be new.
pub async fn enqueue_for_tenant(tx: &TenantTx, job: NewJob<'_>) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "INSERT INTO jobs (kind, job_key, tenant_id, payload, run_at, max_attempts) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            [
                job.kind.into(),
                job.key.into(),
                tx.tenant_id().into(),
                job.payload.into(),
                job.run_at.into(),
                job.max_attempts.into(),
            ],
        ))
        .await?;
    Ok(())
}

/// Like `enqueue_for_tenant`, but a key already used (queued, done or failed) does nothing: for
/// work named by what it is for (one renewal per subscription period), scheduled again by a
/// repeated request or a retried job.
pub async fn enqueue_for_tenant_once(tx: &TenantTx, job: NewJob<'_>) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "INSERT INTO jobs (kind, job_key, tenant_id, payload, run_at, max_attempts) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (job_key) DO NOTHING",
            [
                job.kind.into(),
                job.key.into(),
                tx.tenant_id().into(),
                job.payload.into(),
                job.run_at.into(),
                job.max_attempts.into(),
            ],
        ))
        .await?;
    Ok(())
}

/// A job a worker holds until `locked_until`.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Claimed {
    pub id: Uuid,
    pub kind: String,
    pub job_key: String,
    pub tenant_id: Option<Uuid>,
    pub payload: serde_json::Value,
    /// This attempt's number (1 for the first).
    pub attempts: i32,
    pub max_attempts: i32,
}

/// Takes the next due job for `lease`: a queued one whose time has come, or a running one whose
/// worker stopped before finishing (its lease ran out). Workers skip each other's locked rows.
/// Jobs that stopped mid-run on their last allowed attempt are marked failed on the way.
pub async fn claim_next(
    db: &Db,
    now: DateTime<Utc>,
    lease: chrono::Duration,
) -> Result<Option<Claimed>, DbErr> {
    let tx = PlatformTx::begin_quiet(db, "job queue").await?;
    tx.conn()
        .execute_raw(stmt(
            "UPDATE jobs SET status = 'failed', locked_until = NULL, updated_at = now(), \
               last_error = 'stopped mid-run on its last attempt' \
             WHERE status = 'running' AND locked_until <= $1 AND attempts >= max_attempts",
            [now.into()],
        ))
        .await?;
    let claimed = Claimed::find_by_statement(stmt(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $2, \
           updated_at = now() \
         WHERE id = (SELECT id FROM jobs \
                     WHERE (status = 'queued' AND run_at <= $1) \
                        OR (status = 'running' AND locked_until <= $1) \
                     ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) \
         RETURNING id, kind, job_key, tenant_id, payload, attempts, max_attempts",
        [now.into(), (now + lease).into()],
    ))
    .one(tx.conn())
    .await?;
    tx.commit().await?;
    Ok(claimed)
}

/// Marks `job` done inside the transaction that carries its effect, so the two commit together.
/// `false` when this worker no longer holds it (its lease ran out and another attempt took it):
/// the caller then rolls its effect back.
pub async fn finish(tx: &PlatformTx, job: &Claimed, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE jobs SET status = 'done', finished_at = $3, locked_until = NULL, \
               last_error = '', updated_at = now() \
             WHERE id = $1 AND status = 'running' AND attempts = $2",
            [job.id.into(), job.attempts.into(), now.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// After a failed attempt: queued again for `retry_at`, or failed for good when `retry_at` is
/// `None` (out of attempts, or an error retrying cannot fix).
pub async fn record_failure(
    db: &Db,
    job: &Claimed,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    let tx = PlatformTx::begin_quiet(db, "job queue").await?;
    let error: String = error.chars().take(2000).collect();
    let sql = match retry_at {
        Some(_) => {
            "UPDATE jobs SET status = 'queued', run_at = $4, locked_until = NULL, \
               last_error = $3, updated_at = now() \
             WHERE id = $1 AND status = 'running' AND attempts = $2"
        }
        None => {
            "UPDATE jobs SET status = 'failed', locked_until = NULL, last_error = $3, \
               updated_at = now() \
             WHERE id = $1 AND status = 'running' AND attempts = $2"
        }
    };
    let mut values: Vec<Value> = vec![job.id.into(), job.attempts.into(), error.into()];
    if let Some(at) = retry_at {
        values.push(at.into());
    }
    tx.conn().execute_raw(stmt(sql, values)).await?;
    tx.commit().await
}

/// A live (queued or running) job with `key`, if any.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Pending {
    pub status: String,
    pub run_at: DateTime<Utc>,
    pub payload: serde_json::Value,
}

pub async fn pending(tx: &PlatformTx, key: &str) -> Result<Option<Pending>, DbErr> {
    Pending::find_by_statement(stmt(
        "SELECT status, run_at, payload FROM jobs \
         WHERE job_key = $1 AND status IN ('queued', 'running')",
        [key.into()],
    ))
    .one(tx.conn())
    .await
}

/// Cancels a queued job. `false` if there was none (never scheduled, or already running).
pub async fn cancel(tx: &PlatformTx, key: &str) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE jobs SET status = 'cancelled', updated_at = now() \
             WHERE job_key = $1 AND status = 'queued'",
            [key.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// How many jobs are in each live state, and how many failed.
#[derive(Debug, Clone, Copy, Default, FromQueryResult)]
pub struct Depth {
    pub queued: i64,
    pub due: i64,
    pub running: i64,
    pub failed: i64,
}

/// The same, in a quiet transaction of its own (metrics scrapes ask every few seconds).
pub async fn depth_now(db: &crate::data::Db, now: DateTime<Utc>) -> Result<Depth, DbErr> {
    let tx = PlatformTx::begin_quiet(db, "metrics.jobs").await?;
    let depth = depth(&tx, now).await?;
    tx.commit().await?;
    Ok(depth)
}

pub async fn depth(tx: &PlatformTx, now: DateTime<Utc>) -> Result<Depth, DbErr> {
    let depth = Depth::find_by_statement(stmt(
        "SELECT count(*) FILTER (WHERE status = 'queued') AS queued, \
                count(*) FILTER (WHERE status = 'queued' AND run_at <= $1) AS due, \
                count(*) FILTER (WHERE status = 'running') AS running, \
                count(*) FILTER (WHERE status = 'failed') AS failed \
         FROM jobs WHERE status IN ('queued', 'running', 'failed')",
        [now.into()],
    ))
    .one(tx.conn())
    .await?;
    Ok(depth.unwrap_or_default())
}

/// One row of the console's queue view.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Listed {
    pub id: Uuid,
    pub kind: String,
    pub status: String,
    pub tenant_slug: Option<String>,
    pub payload: serde_json::Value,
    pub run_at: DateTime<Utc>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: String,
    pub updated_at: DateTime<Utc>,
}

/// Jobs in `status` (at most `limit`): queued ones soonest first, others newest change first.
pub async fn list(tx: &PlatformTx, status: &str, limit: u64) -> Result<Vec<Listed>, DbErr> {
    let order = if status == "queued" {
        "j.run_at, j.id"
    } else {
        "j.updated_at DESC, j.id DESC"
    };
    Listed::find_by_statement(stmt(
        &format!(
            "SELECT j.id, j.kind, j.status, t.slug AS tenant_slug, j.payload, j.run_at, \
                    j.attempts, j.max_attempts, j.last_error, j.updated_at \
             FROM jobs j LEFT JOIN tenants t ON t.id = j.tenant_id \
             WHERE j.status = $1 ORDER BY {order} LIMIT $2"
        ),
        [
            status.into(),
            i64::try_from(limit).unwrap_or(i64::MAX).into(),
        ],
    ))
    .all(tx.conn())
    .await
}

/// A failed job queued again with a fresh set of attempts. `false` if it was not failed.
pub async fn retry(tx: &PlatformTx, id: Uuid, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $2, updated_at = now() \
             WHERE id = $1 AND status = 'failed'",
            [id.into(), now.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A failed job set aside for good (kept, as cancelled, for the record). `false` if it was not
/// failed.
pub async fn discard(tx: &PlatformTx, id: Uuid) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE jobs SET status = 'cancelled', updated_at = now() \
             WHERE id = $1 AND status = 'failed'",
            [id.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}
