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
}

/// The invitation behind `raw_token` in this tenant, if it can still be used.
pub async fn find_open(tx: &TenantTx, raw_token: &str) -> Result<Option<Open>, DbErr> {
    Open::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT id, email, user_id, role FROM invitations \
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
