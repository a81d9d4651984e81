//! Cross-portal lookups for one person, through the narrow definer functions of
//! migrations/src/sql/0006_sessions.sql: the portals they belong to, and hand-off tokens.

use crate::data::db::{Db, TenantTx};
use crate::data::entities::handoff_token;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    Statement,
};
use uuid::Uuid;

#[derive(Debug, FromQueryResult)]
pub struct Portal {
    pub slug: String,
    pub name: String,
    pub role: String,
}

pub async fn of_user(db: &Db, user_id: Uuid) -> Result<Vec<Portal>, DbErr> {
    Portal::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT slug, name, role FROM atrium_user_portals($1)",
        [user_id.into()],
    ))
    .all(db.global())
    .await
}

/// Stores a hand-off into portal `slug` for a member of it; false when they are not one.
pub async fn issue_handoff(
    db: &Db,
    user_id: Uuid,
    slug: &str,
    token_hash: &str,
) -> Result<bool, DbErr> {
    let row = db
        .global()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT atrium_issue_handoff($1, $2, $3) AS ok",
            [user_id.into(), slug.into(), token_hash.into()],
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<bool>("", "ok")?,
        None => false,
    })
}

/// The person a live hand-off token of this tenant is for, without using it up.
pub async fn peek_handoff(tx: &TenantTx, token_hash: &str) -> Result<Option<Uuid>, DbErr> {
    Ok(handoff_token::Entity::find()
        .filter(handoff_token::Column::TenantId.eq(tx.tenant_id()))
        .filter(handoff_token::Column::TokenHash.eq(token_hash))
        .filter(handoff_token::Column::ExpiresAt.gt(chrono::Utc::now()))
        .one(tx.conn())
        .await?
        .map(|t| t.user_id))
}

/// Uses up a hand-off token of this tenant; returns the person it was for if still valid.
pub async fn consume_handoff(tx: &TenantTx, token_hash: &str) -> Result<Option<Uuid>, DbErr> {
    let found = handoff_token::Entity::find()
        .filter(handoff_token::Column::TenantId.eq(tx.tenant_id()))
        .filter(handoff_token::Column::TokenHash.eq(token_hash))
        .one(tx.conn())
        .await?;
    let Some(token) = found else {
        return Ok(None);
    };
    // Single use: whoever deletes it first wins.
    let deleted = handoff_token::Entity::delete_many()
        .filter(handoff_token::Column::TenantId.eq(tx.tenant_id()))
        .filter(handoff_token::Column::TokenHash.eq(token_hash))
        .exec(tx.conn())
        .await?;
    let live = token.expires_at > chrono::Utc::now();
    Ok((deleted.rows_affected == 1 && live).then_some(token.user_id))
}

/// Removes expired sessions in every tenant; returns how many went.
pub async fn delete_expired_sessions(db: &Db) -> Result<i64, DbErr> {
    let row = db
        .global()
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT atrium_delete_expired_sessions() AS n",
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<i64>("", "n")?,
        None => 0,
    })
}
