//! Delivering an outbox message: queued by the tenant together with the message (so a message is
//! never announced without being written, nor written without its job), run as platform work
//! that hands it to the server's mailer and records what happened.

use super::worker::{JobError, Worker};
use crate::data::db::{PlatformTx, TenantTx};
use crate::data::repos::jobs::{self, Claimed, NewJob};
use crate::data::repos::outbox;
use crate::mail::{Mail, MailError};
use sea_orm::DbErr;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const KIND: &str = "mail.send";

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    outbox_id: Uuid,
}

/// Writes `mail` to the tenant's outbox and queues its delivery, in the caller's transaction.
pub async fn queue(
    tx: &TenantTx,
    invitation: Option<Uuid>,
    mail: &Mail,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Uuid, DbErr> {
    let outbox_id = outbox::add(tx, invitation, mail).await?;
    let payload =
        serde_json::to_value(Payload { outbox_id }).map_err(|e| DbErr::Custom(e.to_string()))?;
    jobs::enqueue_for_tenant(
        tx,
        NewJob {
            kind: KIND,
            key: &format!("{KIND}:{outbox_id}"),
            tenant: Some(tx.tenant_id()),
            payload,
            run_at: now,
            max_attempts: 5,
        },
    )
    .await?;
    Ok(outbox_id)
}

pub(super) async fn run(worker: &Worker, job: &Claimed) -> Result<bool, JobError> {
    let payload: Payload = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobError::Permanent(format!("unreadable mail job: {e}")))?;
    let tx = PlatformTx::begin_reading(&worker.db, "job mail.send").await?;
    if !jobs::finish(&tx, job, worker.clock.now()).await? {
        return Ok(false);
    }
    // Gone with its tenant, or already handed over by an attempt whose commit was lost.
    let Some(tenant) = job.tenant_id else {
        tx.commit().await?;
        return Ok(true);
    };
    let Some(mail) = outbox::queued_as_platform(&tx, tenant, payload.outbox_id).await? else {
        tx.commit().await?;
        return Ok(true);
    };
    let last_attempt = job.attempts >= job.max_attempts;
    match worker.mailer.send(&mail).await {
        Ok(delivery) => {
            outbox::mark_handled_as_platform(&tx, tenant, payload.outbox_id, delivery.status(), "")
                .await?;
            tx.commit().await?;
            tracing::info!(outbox = %payload.outbox_id, status = delivery.status(), "mail handled");
            Ok(true)
        }
        Err(e) => {
            // Nothing is recorded for this attempt; the worker schedules the next one.
            drop(tx);
            if matches!(e, MailError::Permanent(_)) || last_attempt {
                give_up(worker, tenant, payload.outbox_id, &e).await?;
                return Err(JobError::Permanent(e.to_string()));
            }
            Err(JobError::Retry(e.to_string()))
        }
    }
}

/// Marks a message failed (its body cleared) when delivery will not be tried again.
async fn give_up(worker: &Worker, tenant: Uuid, id: Uuid, error: &MailError) -> Result<(), DbErr> {
    let tx = PlatformTx::begin_reading(&worker.db, "job mail.send failed").await?;
    let error: String = error.to_string().chars().take(500).collect();
    outbox::mark_handled_as_platform(&tx, tenant, id, "failed", &error).await?;
    tx.commit().await
}
