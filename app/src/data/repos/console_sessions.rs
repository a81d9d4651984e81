//! Console sign-in sessions and the super admins they stand for. Platform work only: the
//! application's login has no access to `console_sessions` or to `users.is_super_admin`.

use crate::data::db::PlatformTx;
use crate::data::repos::sessions::hash_id;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement};
use uuid::Uuid;

type Timestamp = chrono::DateTime<chrono::FixedOffset>;

fn stmt(sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct StoredSession {
    pub data: serde_json::Value,
    pub expires_at: Timestamp,
}

/// A live session by its raw id, or `None` (unknown or expired).
pub async fn load_live(tx: &PlatformTx, raw_id: &str) -> Result<Option<StoredSession>, DbErr> {
    StoredSession::find_by_statement(stmt(
        "SELECT data, expires_at FROM console_sessions WHERE id_hash = $1 AND expires_at > now()",
        vec![hash_id(raw_id).into()],
    ))
    .one(tx.conn())
    .await
}

pub async fn exists(tx: &PlatformTx, raw_id: &str) -> Result<bool, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT 1 AS one FROM console_sessions WHERE id_hash = $1",
            vec![hash_id(raw_id).into()],
        ))
        .await?;
    Ok(row.is_some())
}

pub async fn upsert(
    tx: &PlatformTx,
    raw_id: &str,
    user_id: Option<Uuid>,
    data: serde_json::Value,
    expires_at: Timestamp,
) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "INSERT INTO console_sessions (id_hash, user_id, data, expires_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id_hash) DO UPDATE SET user_id = excluded.user_id, \
               data = excluded.data, expires_at = excluded.expires_at, updated_at = now()",
            vec![
                hash_id(raw_id).into(),
                user_id.into(),
                data.into(),
                expires_at.into(),
            ],
        ))
        .await?;
    Ok(())
}

pub async fn delete(tx: &PlatformTx, raw_id: &str) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "DELETE FROM console_sessions WHERE id_hash = $1",
            vec![hash_id(raw_id).into()],
        ))
        .await?;
    Ok(())
}

/// A super admin, as the console shows them.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct SuperAdmin {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
}

/// The person `user_id` if they are a super admin today (the flag is read on every request, so
/// taking it away ends their console access at once).
pub async fn super_admin(tx: &PlatformTx, user_id: Uuid) -> Result<Option<SuperAdmin>, DbErr> {
    SuperAdmin::find_by_statement(stmt(
        "SELECT id, email, display_name FROM users WHERE id = $1 AND is_super_admin",
        vec![user_id.into()],
    ))
    .one(tx.conn())
    .await
}
