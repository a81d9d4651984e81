//! Renewals and dunning, as jobs of the tenant they bill. When a subscription is signed for a
//! period, the same commit schedules `billing.renew` at the period's end. That job opens the next
//! period's invoice and charges the member's saved method through the provider; paid, the
//! subscription moves to the new period (and the next renewal is scheduled); declined, it is
//! tried again after 1, 3 and 5 days, then suspended, and `billing.expire` ends it when the grace
//! period runs out unless the member has paid by then.
//!
//! Every step checks that the subscription is still in the period the job was made for, so a
//! job overtaken by events (an admin's change, a payment, a cancellation) does nothing. Each
//! charge attempt has its own idempotency key (`charge_key`), passed to the provider: a job killed
//! after the charge and run again gets the first answer back instead of charging twice.

use super::worker::{JobError, Worker};
use crate::data::db::{PlatformTx, TenantTx, begin_background};
use crate::data::repos::jobs::{self, Claimed, NewJob};
use crate::data::repos::payments::{self, Billed, NewInvoice};
use crate::data::repos::plans;
use crate::data::repos::subscriptions::{self, Change};
use crate::domain::billing::lifecycle::{self, period_end};
use crate::domain::billing::{Outcome, Payment};
use crate::model::subscription::{ChangeCause, SubscriptionState};
use chrono::{DateTime, Duration, Utc};
use sea_orm::DbErr;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const RENEW: &str = "billing.renew";
pub const EXPIRE: &str = "billing.expire";

/// Days after the period's end at which a declined renewal is tried again.
pub const RETRY_DAYS: [i64; 3] = [1, 3, 5];
/// Days a subscription stays suspended for non-payment before it ends.
pub const GRACE_DAYS: i64 = 7;

#[derive(Debug, Serialize, Deserialize)]
struct Renew {
    subscription: Uuid,
    period_end: DateTime<Utc>,
    /// 0 for the first charge at the period's end, then one per retry.
    attempt: usize,
}

#[derive(Debug, Serialize, Deserialize)]
struct Expire {
    subscription: Uuid,
    period_end: DateTime<Utc>,
}

fn period_key(subscription: Uuid, period_end: DateTime<Utc>) -> String {
    format!("{subscription}:{}", period_end.timestamp())
}

/// The idempotency key of one charge attempt for the period ending `period_end`.
pub fn charge_key(subscription: Uuid, period_end: DateTime<Utc>, attempt: usize) -> String {
    format!("renewal:{}:{attempt}", period_key(subscription, period_end))
}

fn payload(value: impl Serialize) -> Result<serde_json::Value, DbErr> {
    serde_json::to_value(value).map_err(|e| DbErr::Custom(e.to_string()))
}

async fn schedule_attempt(
    tx: &TenantTx,
    subscription: Uuid,
    period_end: DateTime<Utc>,
    attempt: usize,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let key = format!("{RENEW}:{}:{attempt}", period_key(subscription, period_end));
    jobs::enqueue_for_tenant_once(
        tx,
        NewJob {
            kind: RENEW,
            key: &key,
            tenant: Some(tx.tenant_id()),
            payload: payload(Renew {
                subscription,
                period_end,
                attempt,
            })?,
            run_at: at,
            max_attempts: 10,
        },
    )
    .await
}

/// Schedules the renewal at the end of the period ending `period_end`, in the caller's commit.
pub async fn schedule_renewal(
    tx: &TenantTx,
    subscription: Uuid,
    period_end: DateTime<Utc>,
) -> Result<(), DbErr> {
    schedule_attempt(tx, subscription, period_end, 0, period_end).await
}

fn by_job(reason: &str) -> Change<'_> {
    Change {
        cause: ChangeCause::Job,
        actor: None,
        reason,
    }
}

fn read<T: serde::de::DeserializeOwned>(job: &Claimed) -> Result<(Uuid, T), JobError> {
    let tenant = job
        .tenant_id
        .ok_or_else(|| JobError::Permanent("billing job without a tenant".into()))?;
    let payload = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobError::Permanent(format!("unreadable billing job: {e}")))?;
    Ok((tenant, payload))
}

/// Marks the job done once its effect has committed (the effect is safe to repeat).
async fn finish(worker: &Worker, job: &Claimed) -> Result<bool, JobError> {
    let tx = PlatformTx::begin(&worker.db, "job billing").await?;
    let held = jobs::finish(&tx, job, worker.clock.now()).await?;
    tx.commit().await?;
    Ok(held)
}

pub(super) async fn renew(worker: &Worker, job: &Claimed) -> Result<bool, JobError> {
    let (tenant, task): (Uuid, Renew) = read(job)?;
    let now = worker.clock.now();
    let tx = begin_background(&worker.db, tenant).await?;
    let Some(sub) = subscriptions::find(&tx, task.subscription).await? else {
        return finish(worker, job).await;
    };
    if sub.state() != Some(SubscriptionState::Signed)
        || sub.current_period_end != Some(task.period_end)
    {
        tracing::info!(subscription = %sub.id, "renewal overtaken by a later change; nothing to do");
        return finish(worker, job).await;
    }
    if sub.cancel_at_period_end {
        subscriptions::transition(
            &tx,
            sub.id,
            SubscriptionState::Unsigned,
            None,
            by_job("cancelled at period end"),
        )
        .await?;
        tx.commit().await?;
        return finish(worker, job).await;
    }
    let plan = plans::find(&tx, sub.plan_id)
        .await?
        .ok_or_else(|| JobError::Permanent("subscription without its plan".into()))?;
    let price = plans::price(&tx, sub.price_id)
        .await?
        .ok_or_else(|| JobError::Permanent("subscription without its price".into()))?;
    let invoice = payments::open_invoice(
        &tx,
        NewInvoice {
            user: sub.user_id,
            billed: Billed::Period {
                subscription: sub.id,
                start: task.period_end,
                end: period_end(task.period_end, plan.interval()),
            },
            amount_minor: price.amount_minor,
            currency: &price.currency,
            idempotency_key: &format!("renewal:{}", period_key(sub.id, task.period_end)),
        },
    )
    .await?;
    let invoice = payments::find_invoice(&tx, invoice)
        .await?
        .ok_or_else(|| JobError::Retry("invoice vanished".into()))?;
    // The invoice exists before any money moves.
    tx.commit().await?;
    if invoice.status != "open" {
        return finish(worker, job).await;
    }
    let key = charge_key(sub.id, task.period_end, task.attempt);
    let outcome = worker
        .payments
        .charge(&Payment {
            tenant_id: tenant,
            invoice: invoice.id,
            user: sub.user_id,
            amount_minor: invoice.amount_minor,
            currency: &invoice.currency,
            idempotency_key: &key,
        })
        .await
        .map_err(|e| JobError::Retry(e.to_string()))?;
    let tx = begin_background(&worker.db, tenant).await?;
    match outcome {
        Outcome::Paid => {
            lifecycle::settle(&tx, &invoice, true, by_job("renewed"), now)
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?;
            tracing::info!(subscription = %sub.id, "renewed");
        }
        Outcome::Declined { reason } => {
            let failed = i32::try_from(task.attempt + 1).unwrap_or(i32::MAX);
            subscriptions::set_failed_attempts(&tx, sub.id, failed).await?;
            match RETRY_DAYS.get(task.attempt) {
                Some(days) => {
                    let at = task.period_end + Duration::days(*days);
                    schedule_attempt(&tx, sub.id, task.period_end, task.attempt + 1, at).await?;
                    tracing::info!(subscription = %sub.id, %reason, retry_at = %at, "renewal declined");
                }
                None => {
                    payments::settle_invoice(&tx, invoice.id, false, now).await?;
                    let why = format!("renewal declined {failed} times");
                    subscriptions::transition(
                        &tx,
                        sub.id,
                        SubscriptionState::Suspended,
                        None,
                        by_job(&why),
                    )
                    .await?;
                    schedule_expiry(
                        &tx,
                        sub.id,
                        task.period_end,
                        now + Duration::days(GRACE_DAYS),
                    )
                    .await?;
                    tracing::info!(subscription = %sub.id, "suspended: retries ran out");
                }
            }
        }
    }
    tx.commit().await?;
    finish(worker, job).await
}

async fn schedule_expiry(
    tx: &TenantTx,
    subscription: Uuid,
    period_end: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    jobs::enqueue_for_tenant_once(
        tx,
        NewJob {
            kind: EXPIRE,
            key: &format!("{EXPIRE}:{}", period_key(subscription, period_end)),
            tenant: Some(tx.tenant_id()),
            payload: payload(Expire {
                subscription,
                period_end,
            })?,
            run_at: at,
            max_attempts: 10,
        },
    )
    .await
}

pub(super) async fn expire(worker: &Worker, job: &Claimed) -> Result<bool, JobError> {
    let (tenant, task): (Uuid, Expire) = read(job)?;
    let tx = begin_background(&worker.db, tenant).await?;
    if let Some(sub) = subscriptions::find(&tx, task.subscription).await?
        && sub.state() == Some(SubscriptionState::Suspended)
        && sub.current_period_end == Some(task.period_end)
    {
        subscriptions::transition(
            &tx,
            sub.id,
            SubscriptionState::Unsigned,
            None,
            by_job("grace period over without payment"),
        )
        .await?;
        tracing::info!(subscription = %sub.id, "ended after the grace period");
    }
    tx.commit().await?;
    finish(worker, job).await
}
