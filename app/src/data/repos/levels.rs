//! Member levels (migration 0021): a tenant's ordered list, members' levels, and the one check
//! of whether a member reaches a level.

use crate::data::db::TenantTx;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Listed {
    pub id: Uuid,
    pub name: String,
    pub rank: i32,
    pub is_default: bool,
    pub members: i64,
    pub courses: i64,
}

/// The tenant's levels, lowest first, with how many members hold and courses require each.
pub async fn list(tx: &TenantTx) -> Result<Vec<Listed>, DbErr> {
    Listed::find_by_statement(stmt(
        "SELECT l.id, l.name, l.rank, l.is_default, \
           (SELECT count(*) FROM memberships m WHERE m.tenant_id = l.tenant_id \
              AND m.level_id = l.id) AS members, \
           (SELECT count(*) FROM courses c WHERE c.tenant_id = l.tenant_id \
              AND c.required_level_id = l.id) AS courses \
         FROM member_levels l WHERE l.tenant_id = $1 ORDER BY l.rank",
        [tx.tenant_id().into()],
    ))
    .all(tx.conn())
    .await
}

/// Adds a level above the others; returns its id.
pub async fn add(tx: &TenantTx, name: &str) -> Result<Uuid, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "INSERT INTO member_levels (tenant_id, name, rank) \
             SELECT $1, $2, coalesce(max(rank) + 1, 0) FROM member_levels WHERE tenant_id = $1 \
             RETURNING id",
            [tx.tenant_id().into(), name.into()],
        ))
        .await?
        .ok_or(DbErr::RecordNotInserted)?;
    row.try_get("", "id")
}

pub async fn rename(tx: &TenantTx, id: Uuid, name: &str) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE member_levels SET name = $3 WHERE tenant_id = $1 AND id = $2",
            [tx.tenant_id().into(), id.into(), name.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Swaps the level with its neighbour below (`up` false) or above. `false` when there is no
/// such level or it is already at that end.
pub async fn shift(tx: &TenantTx, id: Uuid, up: bool) -> Result<bool, DbErr> {
    let neighbour = if up {
        "SELECT n.id, n.rank FROM member_levels n, member_levels l \
         WHERE l.tenant_id = $1 AND l.id = $2 AND n.tenant_id = $1 AND n.rank > l.rank \
         ORDER BY n.rank LIMIT 1"
    } else {
        "SELECT n.id, n.rank FROM member_levels n, member_levels l \
         WHERE l.tenant_id = $1 AND l.id = $2 AND n.tenant_id = $1 AND n.rank < l.rank \
         ORDER BY n.rank DESC LIMIT 1"
    };
    let Some(other) = tx
        .conn()
        .query_one_raw(stmt(neighbour, [tx.tenant_id().into(), id.into()]))
        .await?
    else {
        return Ok(false);
    };
    let other: Uuid = other.try_get("", "id")?;
    // The ranks' uniqueness is checked at commit, so the two may swap in two statements.
    tx.conn()
        .execute_raw(stmt(
            "UPDATE member_levels l SET rank = s.rank FROM ( \
               SELECT a.id, b.rank FROM member_levels a, member_levels b \
               WHERE a.tenant_id = $1 AND b.tenant_id = $1 \
                 AND ((a.id = $2 AND b.id = $3) OR (a.id = $3 AND b.id = $2))) s \
             WHERE l.tenant_id = $1 AND l.id = s.id",
            [tx.tenant_id().into(), id.into(), other.into()],
        ))
        .await?;
    Ok(true)
}

/// Makes `id` the level new members get (`None`: new members get no level).
pub async fn set_default(tx: &TenantTx, id: Option<Uuid>) -> Result<bool, DbErr> {
    tx.conn()
        .execute_raw(stmt(
            "UPDATE member_levels SET is_default = false WHERE tenant_id = $1 AND is_default",
            [tx.tenant_id().into()],
        ))
        .await?;
    let Some(id) = id else { return Ok(true) };
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE member_levels SET is_default = true WHERE tenant_id = $1 AND id = $2",
            [tx.tenant_id().into(), id.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a level; its members are left without one. A level a course requires is refused by
/// the database (a foreign-key error the caller turns into a message).
pub async fn delete(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "DELETE FROM member_levels WHERE tenant_id = $1 AND id = $2",
            [tx.tenant_id().into(), id.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether this tenant has a level with this id.
pub async fn exists(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    Ok(tx
        .conn()
        .query_one_raw(stmt(
            "SELECT 1 AS one FROM member_levels WHERE tenant_id = $1 AND id = $2",
            [tx.tenant_id().into(), id.into()],
        ))
        .await?
        .is_some())
}

/// The level new members get, if the tenant chose one.
pub async fn default_level(tx: &TenantTx) -> Result<Option<Uuid>, DbErr> {
    match tx
        .conn()
        .query_one_raw(stmt(
            "SELECT id FROM member_levels WHERE tenant_id = $1 AND is_default",
            [tx.tenant_id().into()],
        ))
        .await?
    {
        Some(row) => Ok(Some(row.try_get("", "id")?)),
        None => Ok(None),
    }
}

/// Whether the member `user` holds `level` or a higher one.
pub async fn reaches(tx: &TenantTx, user: Uuid, level: Uuid) -> Result<bool, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT coalesce(( \
               SELECT l.rank FROM memberships m \
               JOIN member_levels l ON l.tenant_id = m.tenant_id AND l.id = m.level_id \
               WHERE m.tenant_id = $1 AND m.user_id = $2), -1) \
             >= coalesce((SELECT rank FROM member_levels WHERE tenant_id = $1 AND id = $3), 0) \
             AS ok",
            [tx.tenant_id().into(), user.into(), level.into()],
        ))
        .await?;
    match row {
        Some(row) => row.try_get("", "ok"),
        None => Ok(false),
    }
}

/// The names of the tenant's levels, by id.
pub async fn names(tx: &TenantTx) -> Result<Vec<(Uuid, String)>, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(stmt(
            "SELECT id, name FROM member_levels WHERE tenant_id = $1 ORDER BY rank",
            [tx.tenant_id().into()],
        ))
        .await?;
    rows.into_iter()
        .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "name")?)))
        .collect()
}

/// Sets a member's level; `false` if they are not a member here.
pub async fn set_member_level(
    tx: &TenantTx,
    user: Uuid,
    level: Option<Uuid>,
) -> Result<bool, DbErr> {
    let done = tx
        .conn()
        .execute_raw(stmt(
            "UPDATE memberships SET level_id = $3 WHERE tenant_id = $1 AND user_id = $2",
            [tx.tenant_id().into(), user.into(), level.into()],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Every level's name and rank, by id.
pub async fn ranks(tx: &TenantTx) -> Result<Vec<(Uuid, String, i32)>, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(stmt(
            "SELECT id, name, rank FROM member_levels WHERE tenant_id = $1",
            [tx.tenant_id().into()],
        ))
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                row.try_get("", "id")?,
                row.try_get("", "name")?,
                row.try_get("", "rank")?,
            ))
        })
        .collect()
}

/// The rank of the member's level, if they have one.
pub async fn member_rank(tx: &TenantTx, user: Uuid) -> Result<Option<i32>, DbErr> {
    let row = tx
        .conn()
        .query_one_raw(stmt(
            "SELECT l.rank FROM memberships m \
             JOIN member_levels l ON l.tenant_id = m.tenant_id AND l.id = m.level_id \
             WHERE m.tenant_id = $1 AND m.user_id = $2",
            [tx.tenant_id().into(), user.into()],
        ))
        .await?;
    match row {
        Some(row) => Ok(Some(row.try_get("", "rank")?)),
        None => Ok(None),
    }
}
