//! The counts tier quotas are checked against (`domain::quotas`), and the lock that serialises
//! those checks within a tenant.

use crate::data::db::TenantTx;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

async fn count(tx: &TenantTx, sql: &str) -> Result<u64, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [tx.tenant_id().into()],
        ))
        .await?;
    let n: i64 = match row {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Members plus open invitations (each may become a member).
pub async fn members_in_use(tx: &TenantTx) -> Result<u64, DbErr> {
    count(
        tx,
        "SELECT (SELECT count(*) FROM memberships WHERE tenant_id = $1) \
              + (SELECT count(*) FROM invitations WHERE tenant_id = $1 AND accepted_at IS NULL \
                   AND revoked_at IS NULL AND expires_at > now()) AS n",
    )
    .await
}

/// Courses, drafts included.
pub async fn courses_in_use(tx: &TenantTx) -> Result<u64, DbErr> {
    count(tx, "SELECT count(*) AS n FROM courses WHERE tenant_id = $1").await
}

/// Holds back other checks of the same quota in this tenant until the transaction ends.
pub async fn lock(tx: &TenantTx, quota: &str) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            [format!("quota:{quota}:{}", tx.tenant_id()).into()],
        ))
        .await?;
    Ok(())
}
