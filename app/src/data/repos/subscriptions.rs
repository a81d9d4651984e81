//! Subscriptions and their history (migration 0024). The database enforces the lifecycle: a
//! subscription starts at `signing`, moves only along `subscription_transitions`, and every move
//! is written to `subscription_history` with the cause set here.

use crate::data::db::TenantTx;
use crate::model::subscription::{ChangeCause, SubscriptionState};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Subscription {
    pub id: Uuid,
    pub user_id: Uuid,
    pub plan_id: Uuid,
    pub price_id: Uuid,
    pub state: String,
    pub current_period_start: Option<DateTime<Utc>>,
    pub current_period_end: Option<DateTime<Utc>>,
    pub cancel_at_period_end: bool,
    pub failed_attempts: i32,
    /// Who made the latest change (`ChangeCause`): an admin's suspension is not lifted by paying.
    pub last_cause: String,
}

impl Subscription {
    pub fn state(&self) -> Option<SubscriptionState> {
        SubscriptionState::parse(&self.state)
    }
}

/// Why a subscription changes: recorded in its history.
pub struct Change<'a> {
    pub cause: ChangeCause,
    pub actor: Option<Uuid>,
    pub reason: &'a str,
}

const COLUMNS: &str = "id, user_id, plan_id, price_id, state, current_period_start, \
    current_period_end, cancel_at_period_end, failed_attempts, last_cause";

/// Starts checkout of `plan` for `user` at the plan's current price (state `signing`).
pub async fn start(
    tx: &TenantTx,
    user: Uuid,
    plan: Uuid,
    change: Change<'_>,
) -> Result<Subscription, DbErr> {
    Subscription::find_by_statement(stmt(
        &format!(
            "INSERT INTO subscriptions (tenant_id, user_id, plan_id, price_id, last_cause, \
               last_actor_id, last_reason) \
             SELECT $1, $2, $3, pp.id, $4, $5, $6 FROM plan_prices pp \
             WHERE pp.tenant_id = $1 AND pp.plan_id = $3 \
             ORDER BY pp.created_at DESC, pp.id LIMIT 1 \
             RETURNING {COLUMNS}"
        ),
        [
            tx.tenant_id().into(),
            user.into(),
            plan.into(),
            change.cause.as_str().into(),
            change.actor.into(),
            change.reason.into(),
        ],
    ))
    .one(tx.conn())
    .await?
    .ok_or(DbErr::RecordNotFound("plan price".into()))
}

pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<Subscription>, DbErr> {
    Subscription::find_by_statement(stmt(
        &format!("SELECT {COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND id = $2"),
        [tx.tenant_id().into(), id.into()],
    ))
    .one(tx.conn())
    .await
}

/// Moves the subscription to `to`, with a new period when one is given (payment) and the
/// failed-attempt count reset on `signed`. The database refuses an illegal move (an error);
/// `Ok(None)` means there is no such subscription.
pub async fn transition(
    tx: &TenantTx,
    id: Uuid,
    to: SubscriptionState,
    period: Option<(DateTime<Utc>, DateTime<Utc>)>,
    change: Change<'_>,
) -> Result<Option<Subscription>, DbErr> {
    let (start, end) = period.unzip();
    Subscription::find_by_statement(stmt(
        &format!(
            "UPDATE subscriptions SET state = $3, \
               current_period_start = coalesce($4, current_period_start), \
               current_period_end = coalesce($5, current_period_end), \
               failed_attempts = CASE WHEN $3 = 'signed' THEN 0 ELSE failed_attempts END, \
               last_cause = $6, last_actor_id = $7, last_reason = $8 \
             WHERE tenant_id = $1 AND id = $2 RETURNING {COLUMNS}"
        ),
        [
            tx.tenant_id().into(),
            id.into(),
            to.as_str().into(),
            start.into(),
            end.into(),
            change.cause.as_str().into(),
            change.actor.into(),
            change.reason.into(),
        ],
    ))
    .one(tx.conn())
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct HistoryEntry {
    pub from_state: Option<String>,
    pub to_state: String,
    pub cause: String,
    pub actor_id: Option<Uuid>,
    /// The actor's name, when they are someone this tenant can see.
    pub actor_name: Option<String>,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Every state the subscription has been in, oldest first.
pub async fn history(tx: &TenantTx, id: Uuid) -> Result<Vec<HistoryEntry>, DbErr> {
    HistoryEntry::find_by_statement(stmt(
        "SELECT h.from_state, h.to_state, h.cause, h.actor_id, u.display_name AS actor_name, \
           h.reason, h.at FROM subscription_history h LEFT JOIN users u ON u.id = h.actor_id \
         WHERE h.tenant_id = $1 AND h.subscription_id = $2 ORDER BY h.at, h.id",
        [tx.tenant_id().into(), id.into()],
    ))
    .all(tx.conn())
    .await
}

/// The member's live (not `unsigned`) subscription to `plan`, if any.
pub async fn live_for(
    tx: &TenantTx,
    user: Uuid,
    plan: Uuid,
) -> Result<Option<Subscription>, DbErr> {
    Subscription::find_by_statement(stmt(
        &format!(
            "SELECT {COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND user_id = $2 \
             AND plan_id = $3 AND state <> 'unsigned'"
        ),
        [tx.tenant_id().into(), user.into(), plan.into()],
    ))
    .one(tx.conn())
    .await
}

/// A member's subscription with its plan and the price it was signed at.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Owned {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub plan_name: String,
    pub billing_interval: String,
    pub amount_minor: i64,
    pub currency: String,
    pub state: String,
    pub current_period_end: Option<DateTime<Utc>>,
    pub cancel_at_period_end: bool,
    /// While `signing`: the invoice that opened it, still unpaid.
    pub open_invoice: Option<Uuid>,
    pub last_cause: String,
}

/// The member's subscriptions, live ones first, newest first.
pub async fn of_member(tx: &TenantTx, user: Uuid) -> Result<Vec<Owned>, DbErr> {
    Owned::find_by_statement(stmt(
        "SELECT s.id, s.plan_id, p.name AS plan_name, p.billing_interval, pp.amount_minor, \
           pp.currency, s.state, s.current_period_end, s.cancel_at_period_end, s.last_cause, \
           (SELECT i.id FROM invoices i WHERE i.tenant_id = s.tenant_id \
              AND i.subscription_id = s.id AND i.status = 'open' AND s.state = 'signing' \
              ORDER BY i.created_at DESC LIMIT 1) AS open_invoice \
         FROM subscriptions s \
         JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id \
         JOIN plan_prices pp ON pp.tenant_id = s.tenant_id AND pp.id = s.price_id \
         WHERE s.tenant_id = $1 AND s.user_id = $2 \
         ORDER BY (s.state = 'unsigned'), s.created_at DESC",
        [tx.tenant_id().into(), user.into()],
    ))
    .all(tx.conn())
    .await
}

/// The member's live subscriptions' ids (signing, signed or suspended).
pub async fn live_of_member(tx: &TenantTx, user: Uuid) -> Result<Vec<Uuid>, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(stmt(
            "SELECT id FROM subscriptions WHERE tenant_id = $1 AND user_id = $2 \
             AND state <> 'unsigned'",
            [tx.tenant_id().into(), user.into()],
        ))
        .await?;
    rows.into_iter().map(|r| r.try_get("", "id")).collect()
}

/// Sets or clears "cancel at period end" on a signed or suspended subscription; `false` when
/// there is no such live subscription.
pub async fn set_cancel_at_period_end(
    tx: &TenantTx,
    id: Uuid,
    cancel: bool,
    change: Change<'_>,
) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE subscriptions SET cancel_at_period_end = $3, last_cause = $4, \
               last_actor_id = $5, last_reason = $6 \
             WHERE tenant_id = $1 AND id = $2 AND state IN ('signed', 'suspended')",
            [
                tx.tenant_id().into(),
                id.into(),
                cancel.into(),
                change.cause.as_str().into(),
                change.actor.into(),
                change.reason.into(),
            ],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Notes that a payment event from `at` is being applied. `false` (and nothing changes) when
/// an event at least as new was applied already: a late, older event must not undo it.
pub async fn note_event(tx: &TenantTx, id: Uuid, at: DateTime<Utc>) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE subscriptions SET last_event_at = $3 WHERE tenant_id = $1 AND id = $2 \
             AND (last_event_at IS NULL OR last_event_at < $3)",
            [tx.tenant_id().into(), id.into(), at.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets how many payments in a row have failed (a renewal job's attempt number, so running
/// the same attempt twice counts it once).
pub async fn set_failed_attempts(tx: &TenantTx, id: Uuid, n: i32) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "UPDATE subscriptions SET failed_attempts = $3 WHERE tenant_id = $1 AND id = $2",
            [tx.tenant_id().into(), id.into(), n.into()],
        ))
        .await?;
    Ok(())
}

/// Counts one more failed payment; returns the new count.
pub async fn add_failed_attempt(tx: &TenantTx, id: Uuid) -> Result<i32, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "UPDATE subscriptions SET failed_attempts = failed_attempts + 1 \
             WHERE tenant_id = $1 AND id = $2 RETURNING failed_attempts",
            [tx.tenant_id().into(), id.into()],
        ))
        .await?
        .ok_or(DbErr::RecordNotFound("subscription".into()))?;
    row.try_get("", "failed_attempts")
}

/// A subscription as the admin's list shows it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Listed {
    pub id: Uuid,
    pub user_id: Uuid,
    pub member_name: String,
    pub member_email: String,
    pub plan_name: String,
    pub billing_interval: String,
    pub amount_minor: i64,
    pub currency: String,
    pub state: String,
    pub current_period_end: Option<DateTime<Utc>>,
    pub cancel_at_period_end: bool,
    pub failed_attempts: i32,
}

/// The tenant's subscriptions, optionally in one state (or only the one with `id`), most
/// recently changed first.
pub async fn list(
    tx: &TenantTx,
    state: Option<SubscriptionState>,
    id: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Listed>, DbErr> {
    Listed::find_by_statement(stmt(
        "SELECT s.id, s.user_id, coalesce(u.display_name, 'Former member') AS member_name, \
           coalesce(u.email, '') AS member_email, \
           p.name AS plan_name, p.billing_interval, pp.amount_minor, pp.currency, s.state, \
           s.current_period_end, s.cancel_at_period_end, s.failed_attempts \
         FROM subscriptions s \
         LEFT JOIN users u ON u.id = s.user_id \
         JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id \
         JOIN plan_prices pp ON pp.tenant_id = s.tenant_id AND pp.id = s.price_id \
         WHERE s.tenant_id = $1 AND ($2::text IS NULL OR s.state = $2) \
           AND ($4::uuid IS NULL OR s.id = $4) \
         ORDER BY s.updated_at DESC, s.id LIMIT $3",
        [
            tx.tenant_id().into(),
            state.map(SubscriptionState::as_str).into(),
            i64::try_from(limit).unwrap_or(i64::MAX).into(),
            id.into(),
        ],
    ))
    .all(tx.conn())
    .await
}

/// How many subscriptions are in each state.
pub async fn counts(tx: &TenantTx) -> Result<Vec<(String, i64)>, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(stmt(
            "SELECT state, count(*) AS n FROM subscriptions WHERE tenant_id = $1 GROUP BY state",
            [tx.tenant_id().into()],
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok((r.try_get("", "state")?, r.try_get("", "n")?)))
        .collect()
}

/// Monthly recurring revenue in minor units: every signed subscription's price per month (a
/// yearly price counts a twelfth), by currency.
pub async fn mrr(tx: &TenantTx) -> Result<Vec<(String, i64)>, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(stmt(
            "SELECT pp.currency, sum(CASE p.billing_interval WHEN 'year' THEN pp.amount_minor / 12 \
               ELSE pp.amount_minor END)::bigint AS mrr \
             FROM subscriptions s \
             JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id \
             JOIN plan_prices pp ON pp.tenant_id = s.tenant_id AND pp.id = s.price_id \
             WHERE s.tenant_id = $1 AND s.state = 'signed' GROUP BY pp.currency ORDER BY 1",
            [tx.tenant_id().into()],
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok((r.try_get("", "currency")?, r.try_get("", "mrr")?)))
        .collect()
}
