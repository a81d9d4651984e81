//! Invitations to join a tenant: single-use, expiring, stored as a hash of their token.

use crate::data::db::{PlatformTx, TenantTx};
use crate::data::repos::sessions::hash_id;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement};
use uuid::Uuid;

/// How long an invitation link works.
pub const VALID_FOR_DAYS: i64 = 7;

pub struct NewInvitation<'a> {
    pub tenant_id: Uuid,
    pub email: &'a str,
    /// The identity made for the address (it has no password until the link is used).
    pub user_id: Uuid,
    pub role: &'a str,
    pub created_by: Option<Uuid>,
    pub raw_token: &'a str,
}

pub async fn create_as_platform(tx: &PlatformTx, new: NewInvitation<'_>) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO invitations (tenant_id, token_hash, email, user_id, role, created_by, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))",
            [
                new.tenant_id.into(),
                hash_id(new.raw_token).into(),
                new.email.trim().into(),
                new.user_id.into(),
                new.role.into(),
                new.created_by.into(),
                i32::try_from(VALID_FOR_DAYS).unwrap_or(7).into(),
            ],
        ))
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Open {
    pub id: Uuid,
    pub email: String,
    pub user_id: Option<Uuid>,
    pub role: String,
    pub level_id: Option<Uuid>,
}

/// The invitation behind `raw_token` in this tenant, if it can still be used.
pub async fn find_open(tx: &TenantTx, raw_token: &str) -> Result<Option<Open>, DbErr> {
    Open::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT id, email, user_id, role, level_id FROM invitations \
         WHERE tenant_id = $1 AND token_hash = $2 AND accepted_at IS NULL \
           AND revoked_at IS NULL AND expires_at > now()",
        [tx.tenant_id().into(), hash_id(raw_token).into()],
    ))
    .one(tx.conn())
    .await
}

/// Uses the invitation up; false if someone else used it first.
pub async fn mark_accepted(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE invitations SET accepted_at = now() \
             WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL",
            [tx.tenant_id().into(), id.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// An admin's invitation, made in their tenant's transaction; it names no identity (one is
/// found or made when the link is used). Returns its id.
pub async fn create(
    tx: &TenantTx,
    email: &str,
    role: &str,
    level: Option<Uuid>,
    created_by: Option<Uuid>,
    raw_token: &str,
) -> Result<Uuid, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO invitations \
               (tenant_id, token_hash, email, role, level_id, created_by, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING id",
            [
                tx.tenant_id().into(),
                hash_id(raw_token).into(),
                email.trim().into(),
                role.into(),
                level.into(),
                created_by.into(),
                i32::try_from(VALID_FOR_DAYS).unwrap_or(7).into(),
            ],
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotInserted)?;
    row.try_get("", "id")
}

/// The open (not used, not revoked) invitation for `email`, and whether it has expired.
pub async fn open_for_email(tx: &TenantTx, email: &str) -> Result<Option<(Uuid, bool)>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id, expires_at <= now() AS expired FROM invitations \
             WHERE tenant_id = $1 AND lower(email) = lower($2) \
               AND accepted_at IS NULL AND revoked_at IS NULL",
            [tx.tenant_id().into(), email.trim().into()],
        ))
        .await?;
    match row {
        Some(row) => Ok(Some((row.try_get("", "id")?, row.try_get("", "expired")?))),
        None => Ok(None),
    }
}

/// Revokes an open invitation; `false` if there is none with this id here.
pub async fn revoke(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE invitations SET revoked_at = now() \
             WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
            [tx.tenant_id().into(), id.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives an open invitation a new token and another full validity period (the old link stops
/// working). Returns its address and role, or `None` if there is no open one with this id.
pub async fn renew(
    tx: &TenantTx,
    id: Uuid,
    raw_token: &str,
) -> Result<Option<(String, String)>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE invitations SET token_hash = $3, \
               expires_at = now() + make_interval(days => $4) \
             WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL \
             RETURNING email, role",
            [
                tx.tenant_id().into(),
                id.into(),
                hash_id(raw_token).into(),
                i32::try_from(VALID_FOR_DAYS).unwrap_or(7).into(),
            ],
        ))
        .await?;
    match row {
        Some(row) => Ok(Some((row.try_get("", "email")?, row.try_get("", "role")?))),
        None => Ok(None),
    }
}

/// An invitation as the admin list shows it, with its latest email's status.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Listed {
    pub id: Uuid,
    pub email: String,
    pub role: String,
    pub level_name: Option<String>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub accepted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    pub expired: bool,
    pub invited_by: Option<String>,
    pub mail_status: Option<String>,
}

/// Open invitations first (newest first), then the 50 most recent used or revoked ones.
pub async fn list(tx: &TenantTx) -> Result<Vec<Listed>, DbErr> {
    Listed::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT i.id, i.email, i.role, l.name AS level_name, i.expires_at, i.accepted_at, \
           i.revoked_at, \
           i.expires_at <= now() AS expired, u.display_name AS invited_by, \
           (SELECT o.status FROM outbox o WHERE o.tenant_id = i.tenant_id \
              AND o.invitation_id = i.id ORDER BY o.created_at DESC LIMIT 1) AS mail_status \
         FROM (\
           (SELECT * FROM invitations WHERE tenant_id = $1 \
              AND accepted_at IS NULL AND revoked_at IS NULL) \
           UNION ALL \
           (SELECT * FROM invitations WHERE tenant_id = $1 \
              AND (accepted_at IS NOT NULL OR revoked_at IS NOT NULL) \
            ORDER BY created_at DESC LIMIT 50)\
         ) i \
         LEFT JOIN users u ON u.id = i.created_by \
         LEFT JOIN member_levels l ON l.tenant_id = i.tenant_id AND l.id = i.level_id \
         ORDER BY (i.accepted_at IS NULL AND i.revoked_at IS NULL) DESC, i.created_at DESC",
        [tx.tenant_id().into()],
    ))
    .all(tx.conn())
    .await
}
