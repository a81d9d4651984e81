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

/// Adds the course with `slug` to what the plan grants; `false` when there is no such course.
pub async fn grant_course_by_slug(tx: &TenantTx, plan: Uuid, slug: &str) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "INSERT INTO plan_courses (tenant_id, plan_id, course_id) \
             SELECT $1, $2, id FROM courses WHERE tenant_id = $1 AND slug = $3 \
             ON CONFLICT DO NOTHING",
            [tx.tenant_id().into(), plan.into(), slug.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
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

#[derive(Debug, Clone, FromQueryResult)]
pub struct PlanRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub billing_interval: String,
    pub grants_level_id: Option<Uuid>,
    pub grants_assessments: bool,
    pub status: String,
}

impl PlanRow {
    pub fn interval(&self) -> BillingInterval {
        BillingInterval::parse(&self.billing_interval).unwrap_or(BillingInterval::Month)
    }
}

pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<PlanRow>, DbErr> {
    PlanRow::find_by_statement(stmt(
        "SELECT id, name, description, billing_interval, grants_level_id, grants_assessments, \
           status FROM plans WHERE tenant_id = $1 AND id = $2",
        [tx.tenant_id().into(), id.into()],
    ))
    .one(tx.conn())
    .await
}

/// Whether `user` may buy `plan`: it names no levels, or names the member's own level.
pub async fn available_to(tx: &TenantTx, plan: Uuid, user: Uuid) -> Result<bool, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT NOT EXISTS (SELECT 1 FROM plan_levels WHERE tenant_id = $1 AND plan_id = $2) \
               OR EXISTS (SELECT 1 FROM plan_levels pl JOIN memberships m \
                 ON m.tenant_id = pl.tenant_id AND m.level_id = pl.level_id \
                 WHERE pl.tenant_id = $1 AND pl.plan_id = $2 AND m.user_id = $3) AS ok",
            [tx.tenant_id().into(), plan.into(), user.into()],
        ))
        .await?;
    match row {
        Some(row) => row.try_get("", "ok"),
        None => Ok(false),
    }
}

/// An active plan at its current price, with what it grants and whether `viewer` may buy it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct OfferRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub billing_interval: String,
    pub amount_minor: i64,
    pub currency: String,
    pub grants_assessments: bool,
    pub level_name: Option<String>,
    /// Titles of the granted courses, separated by a unit separator (U+001F).
    pub course_titles: String,
    pub available: bool,
}

/// The tenant's active plans, cheapest first, as `viewer` (a member, or nobody) may buy them.
pub async fn offers(tx: &TenantTx, viewer: Option<Uuid>) -> Result<Vec<OfferRow>, DbErr> {
    OfferRow::find_by_statement(stmt(
        "SELECT p.id, p.name, p.description, p.billing_interval, cp.amount_minor, cp.currency, \
           p.grants_assessments, l.name AS level_name, \
           coalesce((SELECT string_agg(c.title, E'\\x1f' ORDER BY c.title) FROM plan_courses pc \
             JOIN courses c ON c.tenant_id = pc.tenant_id AND c.id = pc.course_id \
             WHERE pc.tenant_id = p.tenant_id AND pc.plan_id = p.id), '') AS course_titles, \
           (NOT EXISTS (SELECT 1 FROM plan_levels WHERE tenant_id = p.tenant_id AND plan_id = p.id) \
             OR EXISTS (SELECT 1 FROM plan_levels pl JOIN memberships m \
               ON m.tenant_id = pl.tenant_id AND m.level_id = pl.level_id \
               WHERE pl.tenant_id = p.tenant_id AND pl.plan_id = p.id AND m.user_id = $2)) \
             AS available \
         FROM plans p \
         CROSS JOIN LATERAL (SELECT amount_minor, currency FROM plan_prices \
           WHERE tenant_id = p.tenant_id AND plan_id = p.id \
           ORDER BY created_at DESC, id LIMIT 1) cp \
         LEFT JOIN member_levels l ON l.tenant_id = p.tenant_id AND l.id = p.grants_level_id \
         WHERE p.tenant_id = $1 AND p.status = 'active' ORDER BY cp.amount_minor, p.name",
        [tx.tenant_id().into(), viewer.into()],
    ))
    .all(tx.conn())
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct ProductRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub amount_minor: i64,
    pub currency: String,
    pub grants_assessments: bool,
    pub grants_course_id: Option<Uuid>,
    pub course_title: Option<String>,
}

/// The tenant's active one-off products, cheapest first.
pub async fn products(tx: &TenantTx) -> Result<Vec<ProductRow>, DbErr> {
    ProductRow::find_by_statement(stmt(
        "SELECT p.id, p.name, p.description, p.amount_minor, p.currency, p.grants_assessments, \
           p.grants_course_id, c.title AS course_title FROM products p \
         LEFT JOIN courses c ON c.tenant_id = p.tenant_id AND c.id = p.grants_course_id \
         WHERE p.tenant_id = $1 AND p.status = 'active' AND p.kind = 'offer' \
         ORDER BY p.amount_minor, p.name",
        [tx.tenant_id().into()],
    ))
    .all(tx.conn())
    .await
}

/// A price by id (the one a subscription was signed at).
pub async fn price(tx: &TenantTx, id: Uuid) -> Result<Option<Price>, DbErr> {
    Price::find_by_statement(stmt(
        "SELECT id, amount_minor, currency FROM plan_prices WHERE tenant_id = $1 AND id = $2",
        [tx.tenant_id().into(), id.into()],
    ))
    .one(tx.conn())
    .await
}

/// The course a product grants, if any.
pub async fn product_course(tx: &TenantTx, product: Uuid) -> Result<Option<Uuid>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT grants_course_id FROM products WHERE tenant_id = $1 AND id = $2",
            [tx.tenant_id().into(), product.into()],
        ))
        .await?;
    match row {
        Some(row) => row.try_get("", "grants_course_id"),
        None => Ok(None),
    }
}

/// A plan as the admin's editor shows it: archived ones too, with who may buy it and how many
/// signed subscriptions it has.
#[derive(Debug, Clone, FromQueryResult)]
pub struct AdminRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub billing_interval: String,
    pub amount_minor: i64,
    pub currency: String,
    pub grants_assessments: bool,
    pub level_name: Option<String>,
    /// Unit-separated (U+001F), as in `OfferRow`.
    pub course_titles: String,
    /// Unit-separated names of the levels that may buy it.
    pub for_levels: String,
    pub status: String,
    pub subscribers: i64,
}

pub async fn admin_list(tx: &TenantTx) -> Result<Vec<AdminRow>, DbErr> {
    AdminRow::find_by_statement(stmt(
        "SELECT p.id, p.name, p.description, p.billing_interval, cp.amount_minor, cp.currency, \
           p.grants_assessments, l.name AS level_name, \
           coalesce((SELECT string_agg(c.title, E'\\x1f' ORDER BY c.title) FROM plan_courses pc \
             JOIN courses c ON c.tenant_id = pc.tenant_id AND c.id = pc.course_id \
             WHERE pc.tenant_id = p.tenant_id AND pc.plan_id = p.id), '') AS course_titles, \
           coalesce((SELECT string_agg(ml.name, E'\\x1f' ORDER BY ml.rank) FROM plan_levels pl \
             JOIN member_levels ml ON ml.tenant_id = pl.tenant_id AND ml.id = pl.level_id \
             WHERE pl.tenant_id = p.tenant_id AND pl.plan_id = p.id), '') AS for_levels, \
           p.status, \
           (SELECT count(*) FROM subscriptions s WHERE s.tenant_id = p.tenant_id \
             AND s.plan_id = p.id AND s.state = 'signed') AS subscribers \
         FROM plans p \
         CROSS JOIN LATERAL (SELECT amount_minor, currency FROM plan_prices \
           WHERE tenant_id = p.tenant_id AND plan_id = p.id \
           ORDER BY created_at DESC, id LIMIT 1) cp \
         LEFT JOIN member_levels l ON l.tenant_id = p.tenant_id AND l.id = p.grants_level_id \
         WHERE p.tenant_id = $1 ORDER BY p.status, cp.amount_minor, p.name",
        [tx.tenant_id().into()],
    ))
    .all(tx.conn())
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct AdminProductRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub amount_minor: i64,
    pub currency: String,
    pub grants_assessments: bool,
    pub course_title: Option<String>,
    pub status: String,
}

pub async fn admin_products(tx: &TenantTx) -> Result<Vec<AdminProductRow>, DbErr> {
    AdminProductRow::find_by_statement(stmt(
        "SELECT p.id, p.name, p.description, p.amount_minor, p.currency, p.grants_assessments, \
           c.title AS course_title, p.status FROM products p \
         LEFT JOIN courses c ON c.tenant_id = p.tenant_id AND c.id = p.grants_course_id \
         WHERE p.tenant_id = $1 AND p.kind = 'offer' ORDER BY p.status, p.amount_minor, p.name",
        [tx.tenant_id().into()],
    ))
    .all(tx.conn())
    .await
}

/// Archives (`false`) or restores a plan; `false` when there is no such plan.
pub async fn set_plan_active(tx: &TenantTx, id: Uuid, active: bool) -> Result<bool, DbErr> {
    set_status(tx, "plans", id, active).await
}

/// Archives (`false`) or restores a product; `false` when there is no such offer (a course's own
/// product follows the course's price instead).
pub async fn set_product_active(tx: &TenantTx, id: Uuid, active: bool) -> Result<bool, DbErr> {
    set_status(tx, "products", id, active).await
}

async fn set_status(tx: &TenantTx, table: &str, id: Uuid, active: bool) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            &format!(
                "UPDATE {table} SET status = $3 WHERE tenant_id = $1 AND id = $2{}",
                if table == "products" {
                    " AND kind = 'offer'"
                } else {
                    ""
                }
            ),
            [
                tx.tenant_id().into(),
                id.into(),
                if active { "active" } else { "archived" }.into(),
            ],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct ProductPrice {
    pub id: Uuid,
    pub amount_minor: i64,
    pub currency: String,
    pub status: String,
    /// `offer` (the offers editor's) or `course` (sells one course; see `course_products`).
    pub kind: String,
}

pub async fn find_product(tx: &TenantTx, id: Uuid) -> Result<Option<ProductPrice>, DbErr> {
    ProductPrice::find_by_statement(stmt(
        "SELECT id, amount_minor, currency, status, kind FROM products \
         WHERE tenant_id = $1 AND id = $2",
        [tx.tenant_id().into(), id.into()],
    ))
    .one(tx.conn())
    .await
}
