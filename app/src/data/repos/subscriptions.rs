//! Subscriptions and their history (migration 0024). The database enforces the lifecycle: a
//! subscription starts at `signing`, moves only along `subscription_transitions`, and every move
//! is written to `subscription_history` with the cause set here.

use crate::data::db::TenantTx;
use crate::model::subscription::{ChangeCause, SubscriptionState};
use chrono::{DateTime, Utc};
use sea_orm::{DbBackend, DbErr, FromQueryResult, Statement, Value};
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
    current_period_end, cancel_at_period_end, failed_attempts";

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
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Every state the subscription has been in, oldest first.
pub async fn history(tx: &TenantTx, id: Uuid) -> Result<Vec<HistoryEntry>, DbErr> {
    HistoryEntry::find_by_statement(stmt(
        "SELECT from_state, to_state, cause, actor_id, reason, at FROM subscription_history \
         WHERE tenant_id = $1 AND subscription_id = $2 ORDER BY at, id",
        [tx.tenant_id().into(), id.into()],
    ))
    .all(tx.conn())
    .await
}
