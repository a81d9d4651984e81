//! A tenant's recurring plans and one-off products (migration 0024). A price change adds a
//! price row; subscriptions point at the row they were signed at, so they keep it.

use crate::data::db::TenantTx;
use crate::model::subscription::BillingInterval;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

pub struct NewPlan<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub interval: BillingInterval,
    /// In minor units of the tenant's currency.
    pub amount_minor: i64,
    pub grants_level: Option<Uuid>,
    pub grants_assessments: bool,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Price {
    pub id: Uuid,
    pub amount_minor: i64,
    pub currency: String,
}

/// Creates a plan with its first price, in the tenant's currency; returns the plan's id.
pub async fn create(tx: &TenantTx, plan: NewPlan<'_>) -> Result<Uuid, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "INSERT INTO plans (tenant_id, name, description, billing_interval, grants_level_id, \
               grants_assessments) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            [
                tx.tenant_id().into(),
                plan.name.into(),
                plan.description.into(),
                plan.interval.as_str().into(),
                plan.grants_level.into(),
                plan.grants_assessments.into(),
            ],
        ))
        .await?
        .ok_or(DbErr::RecordNotInserted)?;
    let id: Uuid = row.try_get("", "id")?;
    set_price(tx, id, plan.amount_minor).await?;
    Ok(id)
}

/// Gives the plan a new price from now on; existing subscribers keep theirs.
pub async fn set_price(tx: &TenantTx, plan: Uuid, amount_minor: i64) -> Result<Uuid, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "INSERT INTO plan_prices (tenant_id, plan_id, amount_minor, currency) \
             SELECT $1, p.id, $3, t.currency FROM plans p JOIN tenants t ON t.id = p.tenant_id \
             WHERE p.tenant_id = $1 AND p.id = $2 RETURNING id",
            [tx.tenant_id().into(), plan.into(), amount_minor.into()],
        ))
        .await?
        .ok_or(DbErr::RecordNotFound("plan".into()))?;
    row.try_get("", "id")
}

/// The price a new subscriber to `plan` pays (the newest).
pub async fn current_price(tx: &TenantTx, plan: Uuid) -> Result<Option<Price>, DbErr> {
    Price::find_by_statement(stmt(
        "SELECT id, amount_minor, currency FROM plan_prices \
         WHERE tenant_id = $1 AND plan_id = $2 ORDER BY created_at DESC, id LIMIT 1",
        [tx.tenant_id().into(), plan.into()],
    ))
    .one(tx.conn())
    .await
}

/// Adds a course to what the plan grants.
pub async fn grant_course(tx: &TenantTx, plan: Uuid, course: Uuid) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "INSERT INTO plan_courses (tenant_id, plan_id, course_id) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
            [tx.tenant_id().into(), plan.into(), course.into()],
        ))
        .await?;
    Ok(())
}

/// Lets members of `level` buy the plan (a plan no level is named for is open to every member).
pub async fn allow_level(tx: &TenantTx, plan: Uuid, level: Uuid) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "INSERT INTO plan_levels (tenant_id, plan_id, level_id) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
            [tx.tenant_id().into(), plan.into(), level.into()],
        ))
        .await?;
    Ok(())
}

pub struct NewProduct<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub amount_minor: i64,
    pub grants_course: Option<Uuid>,
    pub grants_assessments: bool,
}

/// Creates a one-off product in the tenant's currency; returns its id.
pub async fn create_product(tx: &TenantTx, product: NewProduct<'_>) -> Result<Uuid, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "INSERT INTO products (tenant_id, name, description, amount_minor, currency, \
               grants_course_id, grants_assessments) \
             SELECT $1, $2, $3, $4, currency, $5, $6 FROM tenants WHERE id = $1 RETURNING id",
            [
                tx.tenant_id().into(),
                product.name.into(),
                product.description.into(),
                product.amount_minor.into(),
                product.grants_course.into(),
                product.grants_assessments.into(),
            ],
        ))
        .await?
        .ok_or(DbErr::RecordNotInserted)?;
    row.try_get("", "id")
}
