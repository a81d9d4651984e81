//! Deleting a tenant: scheduled from the console with a grace period (cancellable until it
//! runs), then run as a platform job that removes the tenant's row — every table holding its
//! data follows by `ON DELETE CASCADE` — and its folder of uploaded files, in the transaction
//! that marks the job done.

use super::worker::{JobError, Worker};
use crate::data::PlatformTx;
use crate::data::repos::jobs::{self, Claimed, NewJob};
use crate::data::repos::platform_audit::{self, Entry};
use crate::data::repos::tenants;
use chrono::{DateTime, Utc};
use sea_orm::DbErr;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const KIND: &str = "tenant.delete";

/// How long a scheduled deletion waits unless the console says otherwise.
pub const DEFAULT_GRACE_DAYS: i64 = 7;

fn key(tenant: Uuid) -> String {
    format!("{KIND}:{tenant}")
}

/// Who asked for the deletion and why, kept with the job for its audit entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    pub slug: String,
    pub name: String,
    pub reason: String,
    pub requested_by: Uuid,
}

/// Schedules the deletion of `tenant` for `run_at`, in the caller's transaction. `false` if one
/// is already scheduled.
pub async fn schedule(
    tx: &PlatformTx,
    tenant: Uuid,
    request: &Request,
    run_at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let payload = serde_json::to_value(request).map_err(|e| DbErr::Custom(e.to_string()))?;
    jobs::enqueue(
        tx,
        NewJob {
            kind: KIND,
            key: &key(tenant),
            tenant: Some(tenant),
            payload,
            run_at,
            max_attempts: 5,
        },
    )
    .await
}

/// Cancels a scheduled deletion. `false` if none was waiting (or it is already running).
pub async fn cancel(tx: &PlatformTx, tenant: Uuid) -> Result<bool, DbErr> {
    jobs::cancel(tx, &key(tenant)).await
}

/// When the tenant's deletion will run, if one is scheduled.
pub async fn scheduled_for(tx: &PlatformTx, tenant: Uuid) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(jobs::pending(tx, &key(tenant)).await?.map(|p| p.run_at))
}

pub(super) async fn run(worker: &Worker, job: &Claimed) -> Result<bool, JobError> {
    let request: Request = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobError::Permanent(format!("unreadable deletion request: {e}")))?;
    let tx = PlatformTx::begin(&worker.db, "job tenant.delete").await?;
    if !jobs::finish(&tx, job, worker.clock.now()).await? {
        return Ok(false);
    }
    // The tenant id is cleared from the job when the tenant row goes; a job without one has
    // nothing left to delete.
    let Some(tenant) = job.tenant_id else {
        tx.commit().await?;
        return Ok(true);
    };
    let deleted = tenants::delete(&tx, tenant).await?;
    platform_audit::record(
        &tx,
        Entry {
            actor: Some(request.requested_by),
            action: "tenant.deleted",
            tenant: None,
            reason: &request.reason,
            details: serde_json::json!({
                "tenant_id": tenant,
                "slug": request.slug,
                "name": request.name,
                "job": job.id,
                "found": deleted,
            }),
        },
    )
    .await?;
    // Files go before the commit: if the commit then fails, the next attempt deletes the rows
    // of a tenant whose files are already gone, which is what was asked for anyway.
    let folder = worker.uploads.join(tenant.to_string());
    match tokio::fs::remove_dir_all(&folder).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(JobError::Retry(format!(
                "could not remove {}: {e}",
                folder.display()
            )));
        }
    }
    tx.commit().await?;
    tracing::info!(tenant = %tenant, slug = %request.slug, "tenant deleted");
    Ok(true)
}
