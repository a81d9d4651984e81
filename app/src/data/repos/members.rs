//! A tenant's members as its admins see and change them: the searchable list, roles, removal.

use crate::data::db::TenantTx;
use crate::model::Role;
use crate::model::admin::{MEMBERS_PER_PAGE, MemberQuery};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

/// `%` and `_` typed into the search box are literal characters, not wildcards.
fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The filter shared by the page and its count: `$1` tenant, `$2` pattern, `$3` role, `$4`
/// level.
const FILTER: &str = "FROM memberships m JOIN users u ON u.id = m.user_id \
     LEFT JOIN member_levels l ON l.tenant_id = m.tenant_id AND l.id = m.level_id \
     WHERE m.tenant_id = $1 \
       AND ($2::text IS NULL OR u.display_name ILIKE $2 OR u.email ILIKE $2) \
       AND ($3::text IS NULL OR m.role = $3) \
       AND ($4::uuid IS NULL OR m.level_id = $4)";

fn filter_values(tx: &TenantTx, query: &MemberQuery, level: Option<Uuid>) -> Vec<Value> {
    let pattern = (!query.q.is_empty()).then(|| like_pattern(&query.q));
    vec![
        tx.tenant_id().into(),
        pattern.into(),
        query.role.map(|r| r.as_str().to_owned()).into(),
        level.into(),
    ]
}

#[derive(Debug, FromQueryResult)]
pub struct Listed {
    pub user_id: Uuid,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub level_id: Option<Uuid>,
    pub level_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_active: Option<DateTime<Utc>>,
}

/// One page of members matching `query`, by name, and how many match in all. A level filter
/// that is not a level id matches nobody.
pub async fn page(tx: &TenantTx, query: &MemberQuery) -> Result<(Vec<Listed>, u64), DbErr> {
    let level = match query.level.as_deref().map(Uuid::parse_str) {
        Some(Err(_)) => return Ok((Vec::new(), 0)),
        Some(Ok(id)) => Some(id),
        None => None,
    };
    let offset = query
        .page
        .saturating_sub(1)
        .saturating_mul(MEMBERS_PER_PAGE);
    let mut values = filter_values(tx, query, level);
    values.push(i64::try_from(MEMBERS_PER_PAGE).unwrap_or(25).into());
    values.push(i64::try_from(offset).unwrap_or(i64::MAX).into());
    let rows = Listed::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        format!(
            "SELECT u.id AS user_id, u.display_name, u.email, m.role, m.level_id, \
               l.name AS level_name, m.created_at, \
               (SELECT max(s.updated_at) FROM sessions s \
                WHERE s.tenant_id = m.tenant_id AND s.user_id = m.user_id) AS last_active \
             {FILTER} ORDER BY lower(u.display_name), u.id LIMIT $5 OFFSET $6"
        ),
        values,
    ))
    .all(tx.conn())
    .await?;
    let total = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT count(*) AS n {FILTER}"),
            filter_values(tx, query, level),
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}

/// The member's role here, locked until the transaction ends (so two admins cannot both demote
/// the last two owners).
pub async fn role_for_update(tx: &TenantTx, user: Uuid) -> Result<Option<Role>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2 FOR UPDATE",
            [tx.tenant_id().into(), user.into()],
        ))
        .await?;
    Ok(match row {
        Some(row) => Role::parse(&row.try_get::<String>("", "role")?),
        None => None,
    })
}

/// How many owners there are besides `user`, counting with the owners' rows locked.
pub async fn other_owners(tx: &TenantTx, user: Uuid) -> Result<u64, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT user_id FROM memberships \
             WHERE tenant_id = $1 AND role = 'owner' AND user_id <> $2 FOR UPDATE",
            [tx.tenant_id().into(), user.into()],
        ))
        .await?;
    Ok(rows.len() as u64)
}

pub async fn set_role(tx: &TenantTx, user: Uuid, role: Role) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE memberships SET role = $3 WHERE tenant_id = $1 AND user_id = $2",
            [tx.tenant_id().into(), user.into(), role.as_str().into()],
        ))
        .await?;
    Ok(())
}

/// Removes the membership and ends every session the person has in this tenant, together.
pub async fn remove(tx: &TenantTx, user: Uuid) -> Result<u64, DbErr> {
    tx.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2",
            [tx.tenant_id().into(), user.into()],
        ))
        .await?;
    let ended = tx
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2",
            [tx.tenant_id().into(), user.into()],
        ))
        .await?;
    Ok(ended.rows_affected())
}

/// Whether someone with this address is already a member here.
pub async fn has_email(tx: &TenantTx, email: &str) -> Result<bool, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 AS one FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.tenant_id = $1 AND lower(u.email) = lower($2)",
            [tx.tenant_id().into(), email.trim().into()],
        ))
        .await?;
    Ok(row.is_some())
}

#[cfg(test)]
mod tests {
    #[test]
    fn search_wildcards_are_literal() {
        assert_eq!(super::like_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
    }
}
