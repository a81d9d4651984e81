//! Figures across all tenants for the console's analytics page, each in one statement over the
//! platform role: tenants by tier and status, per month and per week, and the busiest tenants.

use crate::data::db::PlatformTx;
use sea_orm::{DbBackend, DbErr, FromQueryResult, Statement};

fn sql(text: &str) -> Statement {
    Statement::from_string(DbBackend::Postgres, text.to_owned())
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct TierRow {
    pub tier: String,
    pub active: i64,
    pub suspended: i64,
}

pub async fn tiers(tx: &PlatformTx) -> Result<Vec<TierRow>, DbErr> {
    TierRow::find_by_statement(sql(
        "SELECT tier, count(*) FILTER (WHERE status = 'active') AS active, \
                count(*) FILTER (WHERE status = 'suspended') AS suspended \
         FROM tenants GROUP BY tier",
    ))
    .all(tx.conn())
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Counted {
    pub label: String,
    pub n: i64,
}

/// Tenants created in each of the last twelve months (empty months included).
pub async fn new_tenants(tx: &PlatformTx) -> Result<Vec<Counted>, DbErr> {
    Counted::find_by_statement(sql("SELECT to_char(m, 'YYYY-MM') AS label, \
                (SELECT count(*) FROM tenants t \
                  WHERE t.created_at >= m AND t.created_at < m + interval '1 month') AS n \
         FROM generate_series(date_trunc('month', now()) - interval '11 months', \
                              date_trunc('month', now()), interval '1 month') m \
         ORDER BY m"))
    .all(tx.conn())
    .await
}

/// Paid revenue (cents) in each of the last twelve months: one pass over the window's paid
/// invoices, grouped (a sum per month by correlated subquery read them once per month).
pub async fn revenue(tx: &PlatformTx) -> Result<Vec<Counted>, DbErr> {
    Counted::find_by_statement(sql("WITH months AS ( \
           SELECT generate_series(date_trunc('month', now()) - interval '11 months', \
                                  date_trunc('month', now()), interval '1 month') AS m), \
         paid AS ( \
           SELECT date_trunc('month', paid_at) AS m, sum(amount_minor)::bigint AS n \
           FROM invoices \
           WHERE status = 'paid' AND paid_at >= date_trunc('month', now()) - interval '11 months' \
           GROUP BY 1) \
         SELECT to_char(months.m, 'YYYY-MM') AS label, coalesce(paid.n, 0)::bigint AS n \
         FROM months LEFT JOIN paid USING (m) ORDER BY months.m"))
    .all(tx.conn())
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Week {
    pub label: String,
    pub enrolments: i64,
    pub completions: i64,
}

/// Enrolments and completions in each of the twelve weeks ending with this one.
pub async fn weeks(tx: &PlatformTx) -> Result<Vec<Week>, DbErr> {
    Week::find_by_statement(sql(
        "SELECT to_char(w, 'Mon DD') AS label, \
                (SELECT count(*) FROM enrollments e \
                  WHERE e.enrolled_at >= w AND e.enrolled_at < w + interval '1 week') AS enrolments, \
                (SELECT count(*) FROM enrollments e \
                  WHERE e.completed_at >= w AND e.completed_at < w + interval '1 week') AS completions \
         FROM generate_series(date_trunc('week', now()) - interval '11 weeks', \
                              date_trunc('week', now()), interval '1 week') w \
         ORDER BY w",
    ))
    .all(tx.conn())
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Busy {
    pub slug: String,
    pub name: String,
    pub active_learners: i64,
    pub enrolments: i64,
    pub completions: i64,
    pub revenue_cents: i64,
}

/// The ten tenants with the most learners active in the last 30 days, with their figures.
pub async fn busiest(tx: &PlatformTx) -> Result<Vec<Busy>, DbErr> {
    Busy::find_by_statement(sql("WITH active AS ( \
           SELECT tenant_id, count(DISTINCT user_id) AS n FROM lesson_progress \
           WHERE last_viewed_at > now() - interval '30 days' \
           GROUP BY tenant_id ORDER BY n DESC, tenant_id LIMIT 10) \
         SELECT t.slug, t.name, a.n AS active_learners, c.enrolments, \
                (SELECT count(*) FROM enrollments e \
                  WHERE e.tenant_id = t.id AND e.completed_at IS NOT NULL) AS completions, \
                (SELECT coalesce(sum(i.amount_minor), 0)::bigint FROM invoices i \
                  WHERE i.tenant_id = t.id AND i.status = 'paid' \
                    AND i.paid_at > now() - interval '30 days') AS revenue_cents \
         FROM active a JOIN tenants t ON t.id = a.tenant_id \
         JOIN tenant_counters c ON c.tenant_id = t.id \
         ORDER BY a.n DESC, t.slug"))
    .all(tx.conn())
    .await
}
