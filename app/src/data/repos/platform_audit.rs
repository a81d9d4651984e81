//! The platform's audit trail: what super admins did, when, to which tenant and why.
//! Append-only (the platform role may insert and read, nothing else).

use crate::data::db::PlatformTx;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement};
use uuid::Uuid;

pub struct Entry<'a> {
    pub actor: Option<Uuid>,
    pub action: &'a str,
    pub tenant: Option<Uuid>,
    pub reason: &'a str,
    pub details: serde_json::Value,
}

pub async fn record(tx: &PlatformTx, entry: Entry<'_>) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO platform_audit (actor_user_id, action, tenant_id, reason, details) \
             VALUES ($1, $2, $3, $4, $5)",
            [
                entry.actor.into(),
                entry.action.into(),
                entry.tenant.into(),
                entry.reason.into(),
                entry.details.into(),
            ],
        ))
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Recorded {
    pub actor_user_id: Option<Uuid>,
    pub action: String,
    pub tenant_id: Option<Uuid>,
    pub reason: String,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}

/// The newest entries first.
pub async fn recent(tx: &PlatformTx, limit: u64) -> Result<Vec<Recorded>, DbErr> {
    Recorded::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT actor_user_id, action, tenant_id, reason, created_at FROM platform_audit \
         ORDER BY created_at DESC, id DESC LIMIT $1",
        [i64::try_from(limit).unwrap_or(i64::MAX).into()],
    ))
    .all(tx.conn())
    .await
}
