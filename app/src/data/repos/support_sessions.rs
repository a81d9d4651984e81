//! Support sessions (migration 0018): opened by the console through the platform role, entered,
//! checked and ended by the portal in the tenant's own transaction.

use crate::data::db::{PlatformTx, TenantTx};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

pub struct NewSupport<'a> {
    pub tenant_id: Uuid,
    pub admin_id: Uuid,
    pub admin_name: &'a str,
    pub reason: &'a str,
    pub minutes: i32,
    pub write: bool,
    /// The hash of the single-use way in.
    pub entry_hash: &'a str,
}

pub async fn open(tx: &PlatformTx, new: NewSupport<'_>) -> Result<Uuid, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "INSERT INTO support_sessions \
               (tenant_id, admin_user_id, admin_name, reason, write_access, expires_at, \
                entry_token_hash) \
             VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), $7) RETURNING id",
            [
                new.tenant_id.into(),
                new.admin_id.into(),
                new.admin_name.into(),
                new.reason.into(),
                new.write.into(),
                new.minutes.into(),
                new.entry_hash.into(),
            ],
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotInserted)?;
    row.try_get("", "id")
}

/// A support session as the portal sees it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Live {
    pub id: Uuid,
    pub admin_user_id: Uuid,
    pub admin_name: String,
    pub write_access: bool,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Uses up the way in: the session it opens, if the token is right, unused, at most two minutes
/// old, and the session has neither ended nor run out.
pub async fn enter(tx: &TenantTx, entry_hash: &str) -> Result<Option<Live>, DbErr> {
    Live::find_by_statement(stmt(
        "UPDATE support_sessions SET entry_token_hash = NULL \
         WHERE tenant_id = $1 AND entry_token_hash = $2 AND ended_at IS NULL \
           AND expires_at > now() AND started_at > now() - interval '2 minutes' \
           AND admin_user_id IS NOT NULL \
         RETURNING id, admin_user_id, admin_name, write_access, expires_at",
        [tx.tenant_id().into(), entry_hash.into()],
    ))
    .one(tx.conn())
    .await
}

/// Whether the session is still on: not ended, not run out, and its person still a super admin.
pub async fn is_live(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt("SELECT atrium_support_live($1) AS live", [id.into()]))
        .await?;
    match row {
        Some(row) => row.try_get("", "live"),
        None => Ok(false),
    }
}

/// Ends it ("leave"). `false` if it had already ended.
pub async fn end(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE support_sessions SET ended_at = now() \
             WHERE tenant_id = $1 AND id = $2 AND ended_at IS NULL",
            [tx.tenant_id().into(), id.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records one request made in a support session in the tenant's audit log, with the super
/// admin as both actor and impersonator.
pub async fn record_request(tx: &TenantTx, admin: Uuid, request: &str) -> Result<(), DbErr> {
    let request: String = request.chars().take(300).collect();
    tx.conn()
        .execute_raw(stmt(
            "INSERT INTO audit_log (tenant_id, actor_user_id, impersonator_id, action, subject) \
             VALUES ($1, $2, $2, 'support.request', $3)",
            [tx.tenant_id().into(), admin.into(), request.into()],
        ))
        .await?;
    Ok(())
}
