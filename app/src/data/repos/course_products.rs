//! The product that sells one course on its own (`products.kind = 'course'`, migration 0028).
//! Its price follows the course's, set in the studio; it exists so buying a course is an invoice
//! like any other sale, paid through the same provider, refunded and counted the same way.

use crate::data::db::TenantTx;
use crate::data::entities::course;
use crate::data::repos::plans::ProductPrice;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// The course's product at the course's current title and price (in the tenant's currency),
/// made on first sale and brought up to date on every later one.
pub async fn for_sale(tx: &TenantTx, course: &course::Model) -> Result<ProductPrice, DbErr> {
    ProductPrice::find_by_statement(stmt(
        "INSERT INTO products (tenant_id, name, amount_minor, currency, grants_course_id, kind) \
         SELECT $1, left($2, 80), $3, currency, $4, 'course' FROM tenants WHERE id = $1 \
         ON CONFLICT (tenant_id, grants_course_id) WHERE kind = 'course' DO UPDATE \
           SET name = EXCLUDED.name, amount_minor = EXCLUDED.amount_minor, \
               currency = EXCLUDED.currency, status = 'active' \
         RETURNING id, amount_minor, currency, status, kind",
        [
            tx.tenant_id().into(),
            course.title.clone().into(),
            i64::from(course.price_cents).into(),
            course.id.into(),
        ],
    ))
    .one(tx.conn())
    .await?
    .ok_or(DbErr::RecordNotInserted)
}

/// The member's unpaid invoice for the course, if a checkout of it is waiting.
pub async fn open_invoice(tx: &TenantTx, user: Uuid, course: Uuid) -> Result<Option<Uuid>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT i.id FROM invoices i JOIN products p \
               ON p.tenant_id = i.tenant_id AND p.id = i.product_id \
             WHERE i.tenant_id = $1 AND i.user_id = $2 AND i.status = 'open' \
               AND p.kind = 'course' AND p.grants_course_id = $3 \
             ORDER BY i.created_at DESC LIMIT 1",
            [tx.tenant_id().into(), user.into(), course.into()],
        ))
        .await?;
    row.map(|r| r.try_get("", "id")).transpose()
}
