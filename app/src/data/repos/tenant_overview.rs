//! What the console shows about one tenant beyond its settings: members by role, its leaders,
//! its counts, and the latest entries of both audit trails. A handful of queries per page, each
//! bounded, whatever the tenant's size.

use crate::data::db::PlatformTx;
use sea_orm::{DbBackend, DbErr, FromQueryResult, Statement};
use uuid::Uuid;

fn stmt(sql: &str, tenant_id: Uuid) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, [tenant_id.into()])
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct RoleCount {
    pub role: String,
    pub members: i64,
}

pub async fn members_by_role(tx: &PlatformTx, tenant_id: Uuid) -> Result<Vec<RoleCount>, DbErr> {
    RoleCount::find_by_statement(stmt(
        "SELECT role, count(*) AS members FROM memberships WHERE tenant_id = $1 GROUP BY role \
         ORDER BY array_position(ARRAY['owner', 'admin', 'instructor', 'member'], role)",
        tenant_id,
    ))
    .all(tx.conn())
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Leader {
    pub display_name: String,
    pub email: String,
    pub role: String,
}

/// Owners and admins (at most 50), the people a super admin would contact.
pub async fn leaders(tx: &PlatformTx, tenant_id: Uuid) -> Result<Vec<Leader>, DbErr> {
    Leader::find_by_statement(stmt(
        "SELECT u.display_name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.tenant_id = $1 AND m.role IN ('owner', 'admin') \
         ORDER BY m.role DESC, lower(u.display_name) LIMIT 50",
        tenant_id,
    ))
    .all(tx.conn())
    .await
}

#[derive(Debug, Clone, Default, FromQueryResult)]
pub struct Counts {
    pub members: i64,
    pub courses: i64,
    pub enrolments: i64,
}

pub async fn counts(tx: &PlatformTx, tenant_id: Uuid) -> Result<Counts, DbErr> {
    Ok(Counts::find_by_statement(stmt(
        "SELECT members, courses, enrolments FROM tenant_counters WHERE tenant_id = $1",
        tenant_id,
    ))
    .one(tx.conn())
    .await?
    .unwrap_or_default())
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Entry {
    pub action: String,
    pub actor: Option<String>,
    pub note: String,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}

/// The ten latest console actions about the tenant, with their reasons.
pub async fn platform_entries(tx: &PlatformTx, tenant_id: Uuid) -> Result<Vec<Entry>, DbErr> {
    Entry::find_by_statement(stmt(
        "SELECT a.action, u.email AS actor, a.reason AS note, a.created_at \
         FROM platform_audit a LEFT JOIN users u ON u.id = a.actor_user_id \
         WHERE a.tenant_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT 10",
        tenant_id,
    ))
    .all(tx.conn())
    .await
}

/// The ten latest entries of the tenant's own audit log.
pub async fn tenant_entries(tx: &PlatformTx, tenant_id: Uuid) -> Result<Vec<Entry>, DbErr> {
    Entry::find_by_statement(stmt(
        "SELECT a.action, u.email AS actor, a.subject AS note, a.created_at \
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id \
         WHERE a.tenant_id = $1 ORDER BY a.created_at DESC LIMIT 10",
        tenant_id,
    ))
    .all(tx.conn())
    .await
}
