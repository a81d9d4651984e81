//! The simulated payment provider's own books (migration 0025): charges by idempotency key and
//! each member's saved card. Only `domain::billing::simulated` uses them, in a transaction of
//! its own, as a real provider's records live apart from Atrium's.

use crate::data::db::TenantTx;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

pub struct NewCharge<'a> {
    pub idempotency_key: &'a str,
    pub user: Uuid,
    pub amount_minor: i64,
    pub currency: &'a str,
    /// `paid` or `declined`.
    pub outcome: &'a str,
}

/// Books a charge under its key, or answers with the outcome already booked under it (so the
/// same key never charges twice). Returns the outcome and whether this call booked it.
pub async fn book(tx: &TenantTx, charge: NewCharge<'_>) -> Result<(String, bool), DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "WITH new AS ( \
               INSERT INTO simulated_charges (tenant_id, idempotency_key, user_id, amount_minor, \
                 currency, outcome) VALUES ($1, $2, $3, $4, $5, $6) \
               ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING outcome) \
             SELECT outcome, true AS booked FROM new UNION ALL \
             SELECT outcome, false FROM simulated_charges \
             WHERE tenant_id = $1 AND idempotency_key = $2 LIMIT 1",
            [
                tx.tenant_id().into(),
                charge.idempotency_key.into(),
                charge.user.into(),
                charge.amount_minor.into(),
                charge.currency.into(),
                charge.outcome.into(),
            ],
        ))
        .await?
        .ok_or(DbErr::RecordNotInserted)?;
    Ok((row.try_get("", "outcome")?, row.try_get("", "booked")?))
}

/// Marks a paid charge refunded; `false` if there is no paid, unrefunded charge under the key.
pub async fn refund(tx: &TenantTx, idempotency_key: &str) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE simulated_charges SET refunded = true WHERE tenant_id = $1 \
             AND idempotency_key = $2 AND outcome = 'paid' AND NOT refunded",
            [tx.tenant_id().into(), idempotency_key.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the member's saved card declines charges.
pub async fn card_declines(tx: &TenantTx, user: Uuid) -> Result<bool, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT declines FROM simulated_cards WHERE tenant_id = $1 AND user_id = $2",
            [tx.tenant_id().into(), user.into()],
        ))
        .await?;
    match row {
        Some(row) => row.try_get("", "declines"),
        None => Ok(false),
    }
}

pub async fn set_card(tx: &TenantTx, user: Uuid, declines: bool) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "INSERT INTO simulated_cards (tenant_id, user_id, declines) VALUES ($1, $2, $3) \
             ON CONFLICT (tenant_id, user_id) DO UPDATE SET declines = $3, updated_at = now()",
            [tx.tenant_id().into(), user.into(), declines.into()],
        ))
        .await?;
    Ok(())
}
