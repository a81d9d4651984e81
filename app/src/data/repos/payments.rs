//! Money records (migration 0024): invoices, keyed per charge attempt so a retried job cannot
//! bill twice; inbound payment events, one row per provider event id so a replay changes
//! nothing; and the tenant's secret that signs those events.

use crate::data::db::TenantTx;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// The tenant's event-signing secret, made (from the OS's random source) on first use.
pub async fn webhook_secret(tx: &TenantTx) -> Result<String, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "WITH made AS ( \
               INSERT INTO payment_settings (tenant_id, webhook_secret) VALUES ($1, $2) \
               ON CONFLICT (tenant_id) DO NOTHING RETURNING webhook_secret) \
             SELECT webhook_secret FROM made UNION ALL \
             SELECT webhook_secret FROM payment_settings WHERE tenant_id = $1 LIMIT 1",
            [
                tx.tenant_id().into(),
                crate::domain::provisioning::random_token().into(),
            ],
        ))
        .await?
        .ok_or(DbErr::RecordNotFound("payment settings".into()))?;
    row.try_get("", "webhook_secret")
}

/// Records an inbound event; `false` when its id was seen before (a replay: do nothing).
pub async fn record_event(
    tx: &TenantTx,
    event_id: &str,
    kind: &str,
    occurred_at: DateTime<Utc>,
    payload: serde_json::Value,
) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "INSERT INTO payment_events (tenant_id, event_id, kind, occurred_at, payload) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, event_id) DO NOTHING",
            [
                tx.tenant_id().into(),
                event_id.into(),
                kind.into(),
                occurred_at.into(),
                payload.into(),
            ],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// What an invoice bills: one subscription period, or one product.
pub enum Billed {
    Period {
        subscription: Uuid,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    Product(Uuid),
}

pub struct NewInvoice<'a> {
    pub user: Uuid,
    pub billed: Billed,
    pub amount_minor: i64,
    pub currency: &'a str,
    /// Names one charge attempt; opening the same key again returns the first invoice.
    pub idempotency_key: &'a str,
}

/// Opens an invoice, or returns the one already opened with the same idempotency key.
pub async fn open_invoice(tx: &TenantTx, invoice: NewInvoice<'_>) -> Result<Uuid, DbErr> {
    let (subscription, product, start, end) = match invoice.billed {
        Billed::Period {
            subscription,
            start,
            end,
        } => (Some(subscription), None, Some(start), Some(end)),
        Billed::Product(product) => (None, Some(product), None, None),
    };
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "WITH new AS ( \
               INSERT INTO invoices (tenant_id, user_id, subscription_id, product_id, \
                 amount_minor, currency, period_start, period_end, idempotency_key) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
               ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id) \
             SELECT id FROM new UNION ALL \
             SELECT id FROM invoices WHERE tenant_id = $1 AND idempotency_key = $9 LIMIT 1",
            [
                tx.tenant_id().into(),
                invoice.user.into(),
                subscription.into(),
                product.into(),
                invoice.amount_minor.into(),
                invoice.currency.into(),
                start.into(),
                end.into(),
                invoice.idempotency_key.into(),
            ],
        ))
        .await?
        .ok_or(DbErr::RecordNotInserted)?;
    row.try_get("", "id")
}
