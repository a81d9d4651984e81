//! Completion certificates of this tenant: issued once per learner and course, withdrawn with a
//! reason, never deleted by the application.

use crate::data::db::TenantTx;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement};
use uuid::Uuid;

#[derive(Debug, Clone, FromQueryResult)]
pub struct Certificate {
    pub id: Uuid,
    pub course_id: Uuid,
    pub user_id: Uuid,
    pub code: String,
    pub learner_name: String,
    pub course_title: String,
    pub issued_at: chrono::DateTime<chrono::FixedOffset>,
    pub revoked_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub revoked_reason: Option<String>,
}

const COLUMNS: &str = "id, course_id, user_id, code, learner_name, course_title, issued_at, \
                       revoked_at, revoked_reason";

pub struct NewCertificate<'a> {
    pub course_id: Uuid,
    pub user_id: Uuid,
    pub code: &'a str,
    pub course_title: &'a str,
}

/// Issues a certificate, in the learner's display name of today, unless they have one for the
/// course; true when this call did. One statement: most calls find one already there.
pub async fn issue(tx: &TenantTx, new: NewCertificate<'_>) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO certificates (tenant_id, course_id, user_id, code, learner_name, \
             course_title) SELECT $1, $2, u.id, $4, u.display_name, $5 FROM users u \
             WHERE u.id = $3 \
             ON CONFLICT ON CONSTRAINT certificates_one_per_course DO NOTHING",
            [
                tx.tenant_id().into(),
                new.course_id.into(),
                new.user_id.into(),
                new.code.into(),
                new.course_title.into(),
            ],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The certificate with this code, in this tenant.
pub async fn find_by_code(tx: &TenantTx, code: &str) -> Result<Option<Certificate>, DbErr> {
    Certificate::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!("SELECT {COLUMNS} FROM certificates WHERE tenant_id = $1 AND code = $2"),
        [tx.tenant_id().into(), code.into()],
    ))
    .one(tx.conn())
    .await
}

/// A learner's certificates, newest first.
pub async fn list_for_user(tx: &TenantTx, user_id: Uuid) -> Result<Vec<Certificate>, DbErr> {
    Certificate::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "SELECT {COLUMNS} FROM certificates WHERE tenant_id = $1 AND user_id = $2 \
             ORDER BY issued_at DESC, code"
        ),
        [tx.tenant_id().into(), user_id.into()],
    ))
    .all(tx.conn())
    .await
}

/// The tenant's certificates, newest first, `limit` at most (the admin list).
pub async fn list(tx: &TenantTx, limit: u64) -> Result<Vec<Certificate>, DbErr> {
    Certificate::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "SELECT {COLUMNS} FROM certificates WHERE tenant_id = $1 \
             ORDER BY issued_at DESC, code LIMIT $2"
        ),
        [
            tx.tenant_id().into(),
            i64::try_from(limit).unwrap_or(i64::MAX).into(),
        ],
    ))
    .all(tx.conn())
    .await
}

/// Withdraws a certificate; false when there is none with this code or it was withdrawn before.
pub async fn revoke(tx: &TenantTx, code: &str, reason: &str, by: Uuid) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE certificates SET revoked_at = now(), revoked_reason = $3, revoked_by = $4 \
             WHERE tenant_id = $1 AND code = $2 AND revoked_at IS NULL",
            [tx.tenant_id().into(), code.into(), reason.into(), by.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}
