//! A tenant's own audit log as its admins read it: newest first, by actor and action prefix,
//! paged by keyset (time, id) on `audit_log_tenant_created_idx`. Entries of a support session
//! name the super admin from the session's record (the platform's people are not the tenant's
//! to see).

use super::audit_trail::{Row, like_prefix};
use crate::data::db::TenantTx;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor: Option<Uuid>,
    pub action: Option<String>,
    /// Older than this (time, id).
    pub after: Option<(DateTime<Utc>, Uuid)>,
}

pub async fn page(tx: &TenantTx, filter: &Filter, limit: u64) -> Result<Vec<Row>, DbErr> {
    let mut values: Vec<Value> = vec![tx.tenant_id().into()];
    let mut conditions = String::new();
    if let Some(actor) = filter.actor {
        values.push(actor.into());
        conditions.push_str(&format!(" AND x.actor_user_id = ${}", values.len()));
    }
    if let Some(action) = &filter.action {
        values.push(like_prefix(action).into());
        conditions.push_str(&format!(" AND x.action LIKE ${}", values.len()));
    }
    if let Some((at, id)) = filter.after {
        values.push(at.into());
        values.push(id.into());
        conditions.push_str(&format!(
            " AND (x.created_at, x.id) < (${}, ${})",
            values.len() - 1,
            values.len()
        ));
    }
    values.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
    let sql = format!(
        "SELECT 'portal' AS source, x.id, x.created_at, NULL::text AS tenant_slug, \
           u.email AS actor_email, \
           (SELECT s.admin_name FROM support_sessions s WHERE s.tenant_id = x.tenant_id \
              AND s.admin_user_id = x.impersonator_id LIMIT 1) AS impersonator_email, \
           x.action, x.subject AS note, x.row_before, x.row_after \
         FROM audit_log x LEFT JOIN users u ON u.id = x.actor_user_id \
         WHERE x.tenant_id = $1{conditions} \
         ORDER BY x.created_at DESC, x.id DESC LIMIT ${}",
        values.len()
    );
    Row::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        &sql,
        values,
    ))
    .all(tx.conn())
    .await
}

/// A member (or former member this tenant can still see) with this address.
pub async fn person_by_email(tx: &TenantTx, email: &str) -> Result<Option<Uuid>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id \
             WHERE m.tenant_id = $1 AND lower(u.email) = lower($2)",
            [tx.tenant_id().into(), email.trim().into()],
        ))
        .await?;
    match row {
        Some(row) => Ok(Some(row.try_get("", "id")?)),
        None => Ok(None),
    }
}
