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

#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Invoice {
    pub id: Uuid,
    pub user_id: Uuid,
    pub subscription_id: Option<Uuid>,
    pub product_id: Option<Uuid>,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub period_start: Option<DateTime<Utc>>,
    pub period_end: Option<DateTime<Utc>>,
    pub idempotency_key: String,
    /// What was bought: the plan's or the product's name.
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
}

const INVOICE: &str = "SELECT i.id, i.user_id, i.subscription_id, i.product_id, i.amount_minor, \
    i.currency, i.status, i.period_start, i.period_end, i.idempotency_key, \
    coalesce(p.name, pr.name, '') AS description, i.created_at, i.paid_at FROM invoices i \
    LEFT JOIN subscriptions s ON s.tenant_id = i.tenant_id AND s.id = i.subscription_id \
    LEFT JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id \
    LEFT JOIN products pr ON pr.tenant_id = i.tenant_id AND pr.id = i.product_id";

pub async fn find_invoice(tx: &TenantTx, id: Uuid) -> Result<Option<Invoice>, DbErr> {
    use sea_orm::FromQueryResult;
    Invoice::find_by_statement(stmt(
        &format!("{INVOICE} WHERE i.tenant_id = $1 AND i.id = $2"),
        [tx.tenant_id().into(), id.into()],
    ))
    .one(tx.conn())
    .await
}

/// The member's invoices, newest first.
pub async fn invoices_of(tx: &TenantTx, user: Uuid) -> Result<Vec<Invoice>, DbErr> {
    use sea_orm::FromQueryResult;
    Invoice::find_by_statement(stmt(
        &format!(
            "{INVOICE} WHERE i.tenant_id = $1 AND i.user_id = $2 \
             ORDER BY i.created_at DESC, i.id LIMIT 200"
        ),
        [tx.tenant_id().into(), user.into()],
    ))
    .all(tx.conn())
    .await
}

/// Settles an open invoice as `paid` (at `at`) or `failed`; `false` if it was not open.
pub async fn settle_invoice(
    tx: &TenantTx,
    id: Uuid,
    paid: bool,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE invoices SET status = CASE WHEN $3 THEN 'paid' ELSE 'failed' END, \
               paid_at = CASE WHEN $3 THEN $4 END \
             WHERE tenant_id = $1 AND id = $2 AND status = 'open'",
            [tx.tenant_id().into(), id.into(), paid.into(), at.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a recorded event as the one that changed things.
pub async fn mark_applied(tx: &TenantTx, event_id: &str) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "UPDATE payment_events SET applied = true WHERE tenant_id = $1 AND event_id = $2",
            [tx.tenant_id().into(), event_id.into()],
        ))
        .await?;
    Ok(())
}

/// Paid revenue per calendar month (UTC) for the `months` months up to `now`'s, oldest first,
/// in the tenant's currency; months without revenue are zero.
pub async fn revenue_by_month(
    tx: &TenantTx,
    months: i32,
    now: DateTime<Utc>,
) -> Result<Vec<(String, i64)>, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(stmt(
            "WITH m AS (SELECT generate_series(date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC') \
                 - make_interval(months => $3 - 1), \
               date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC'), interval '1 month') AS month) \
             SELECT to_char(m.month, 'YYYY-MM') AS label, coalesce(sum(i.amount_minor), 0)::bigint AS total \
             FROM m LEFT JOIN invoices i ON i.tenant_id = $1 AND i.status = 'paid' \
               AND i.currency = (SELECT currency FROM tenants WHERE id = $1) \
               AND date_trunc('month', i.paid_at AT TIME ZONE 'UTC') = m.month \
             GROUP BY m.month ORDER BY m.month",
            [tx.tenant_id().into(), now.into(), months.into()],
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok((r.try_get("", "label")?, r.try_get("", "total")?)))
        .collect()
}

/// The member's unpaid invoice for `product`, if there is one.
pub async fn open_product_invoice(
    tx: &TenantTx,
    user: Uuid,
    product: Uuid,
) -> Result<Option<Uuid>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT id FROM invoices WHERE tenant_id = $1 AND user_id = $2 AND product_id = $3 \
             AND status = 'open' ORDER BY created_at DESC LIMIT 1",
            [tx.tenant_id().into(), user.into(), product.into()],
        ))
        .await?;
    row.map(|r| r.try_get("", "id")).transpose()
}

/// Voids the subscription's unpaid invoices (a checkout the member abandoned).
pub async fn void_open_for_subscription(tx: &TenantTx, subscription: Uuid) -> Result<u64, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE invoices SET status = 'void' WHERE tenant_id = $1 AND subscription_id = $2 \
             AND status = 'open'",
            [tx.tenant_id().into(), subscription.into()],
        ))
        .await?;
    Ok(done.rows_affected())
}

/// Moves one invoice from status `from` to `to`; `false` if it was not in `from`.
async fn move_invoice(tx: &TenantTx, id: Uuid, from: &str, to: &str) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE invoices SET status = $4 WHERE tenant_id = $1 AND id = $2 AND status = $3",
            [tx.tenant_id().into(), id.into(), from.into(), to.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Voids an unpaid invoice (one opened at a price that has since changed).
pub async fn void_invoice(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    move_invoice(tx, id, "open", "void").await
}

/// Marks a paid invoice refunded; `false` if it was not paid.
pub async fn mark_refunded(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    move_invoice(tx, id, "paid", "refunded").await
}

/// An invoice with its member, for the admin's payments list.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Listed {
    pub id: Uuid,
    pub member_name: String,
    pub member_email: String,
    pub description: String,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
}

/// The tenant's invoices, newest first, optionally of one status.
pub async fn list(tx: &TenantTx, status: Option<&str>, limit: u64) -> Result<Vec<Listed>, DbErr> {
    use sea_orm::FromQueryResult;
    Listed::find_by_statement(stmt(
        "SELECT i.id, coalesce(u.display_name, 'Former member') AS member_name, \
           coalesce(u.email, '') AS member_email, coalesce(p.name, pr.name, '') AS description, \
           i.amount_minor, i.currency, i.status, i.created_at, i.paid_at FROM invoices i \
         LEFT JOIN users u ON u.id = i.user_id \
         LEFT JOIN subscriptions s ON s.tenant_id = i.tenant_id AND s.id = i.subscription_id \
         LEFT JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id \
         LEFT JOIN products pr ON pr.tenant_id = i.tenant_id AND pr.id = i.product_id \
         WHERE i.tenant_id = $1 AND ($2::text IS NULL OR i.status = $2) \
         ORDER BY i.created_at DESC, i.id LIMIT $3",
        [
            tx.tenant_id().into(),
            status.into(),
            i64::try_from(limit).unwrap_or(i64::MAX).into(),
        ],
    ))
    .all(tx.conn())
    .await
}
