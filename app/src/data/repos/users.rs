//! People. An identity is global, but the application sees a person only through a membership in
//! the current tenant or as the person of the current request (Row-Level Security on `users`), so
//! every lookup here runs in a `TenantTx`. Password hashes are never read: `credentials` hands
//! out a hash's salt and checks a hash the server computed, through two definer functions.

use crate::data::db::{Db, PlatformTx, TenantTx};
use crate::data::entities::user::{self, ActiveModel, Column, Entity};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, Set, Statement,
};
use std::collections::HashMap;
use uuid::Uuid;

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<String>,
}

fn row(id: Uuid, new: &NewUser<'_>) -> ActiveModel {
    ActiveModel {
        id: Set(id),
        email: Set(new.email.trim().to_owned()),
        display_name: Set(new.display_name.trim().to_owned()),
        // is_super_admin is left to its default: neither role may write it.
        ..Default::default()
    }
}

async fn add_password(
    conn: &impl ConnectionTrait,
    user_id: Uuid,
    hash: Option<String>,
) -> Result<(), DbErr> {
    let Some(hash) = hash else {
        return Ok(());
    };
    // A plain INSERT: the application role may add a password but never select one back.
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2)",
        [user_id.into(), hash.into()],
    ))
    .await?;
    Ok(())
}

/// Creates a person inside a tenant's transaction (signing up), which from then on acts for them.
/// The caller adds the membership in the same transaction.
pub async fn create(tx: &TenantTx, new: NewUser<'_>) -> Result<user::Model, DbErr> {
    let id = Uuid::now_v7();
    tx.act_as(id).await?;
    let created = row(id, &new).insert(tx.conn()).await?;
    add_password(tx.conn(), id, new.password_hash).await?;
    Ok(created)
}

/// Creates a person as platform work (the demo loader, the console).
pub async fn create_as_platform(tx: &PlatformTx, new: NewUser<'_>) -> Result<user::Model, DbErr> {
    let id = Uuid::now_v7();
    let created = row(id, &new).insert(tx.conn()).await?;
    add_password(tx.conn(), id, new.password_hash).await?;
    Ok(created)
}

/// An invited person's first name and password (their identity was made without one), set in
/// this tenant's transaction, which from then on acts for them.
pub async fn set_first_password(
    tx: &TenantTx,
    user_id: Uuid,
    display_name: &str,
    hash: String,
) -> Result<(), DbErr> {
    tx.act_as(user_id).await?;
    Entity::update_many()
        .col_expr(Column::DisplayName, Expr::value(display_name.trim()))
        .filter(Column::Id.eq(user_id))
        .exec(tx.conn())
        .await?;
    add_password(tx.conn(), user_id, Some(hash)).await
}

/// Case-insensitive, as the unique index is. Platform work only: a tenant finds people by email
/// among its members.
pub async fn find_by_email_as_platform(
    tx: &PlatformTx,
    email: &str,
) -> Result<Option<user::Model>, DbErr> {
    Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(Column::Email))).eq(email.trim().to_lowercase()))
        .one(tx.conn())
        .await
}

/// The person, if this transaction may see them (a member here, or the person acting).
pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<user::Model>, DbErr> {
    Entity::find_by_id(id).one(tx.conn()).await
}

/// Display names and emails of several people in one query; people this tenant cannot see
/// (former members) are missing from the map.
pub async fn names(
    tx: &TenantTx,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, user::Model>, DbErr> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(Entity::find()
        .filter(Column::Id.is_in(ids))
        .all(tx.conn())
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// A person's hash with the hash itself cut off: algorithm, parameters and salt, ending in `$`.
#[derive(Debug, FromQueryResult)]
pub struct Salt {
    pub user_id: Uuid,
    pub salt: String,
}

/// Step one of a password check: the salt of the person with this email; `None` for an unknown
/// email or a person without a password.
pub async fn password_salt(db: &Db, email: &str) -> Result<Option<Salt>, DbErr> {
    Salt::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT user_id, salt FROM atrium_password_salt($1)",
        [email.trim().into()],
    ))
    .one(db.global())
    .await
}

/// Step two: whether `hash` (the base64 output computed with that salt) is the stored one.
pub async fn password_matches(db: &Db, user_id: Uuid, hash: &str) -> Result<bool, DbErr> {
    let row = db
        .global()
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT atrium_password_matches($1, $2) AS ok",
            [user_id.into(), hash.into()],
        ))
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<bool>("", "ok")?,
        None => false,
    })
}

/// A person with their role in the transaction's tenant (`None`: not a member here).
#[derive(Debug, FromQueryResult)]
pub struct PersonHere {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Option<String>,
}

/// The signed-in person and their membership here, in one query. The transaction must act for
/// them (`TenantTx::act_as`) or they must be a member, or they are not visible.
pub async fn with_membership(tx: &TenantTx, id: Uuid) -> Result<Option<PersonHere>, DbErr> {
    PersonHere::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT u.id, u.email, u.display_name, m.role FROM users u \
         LEFT JOIN memberships m ON m.tenant_id = $1 AND m.user_id = u.id \
         WHERE u.id = $2",
        [tx.tenant_id().into(), id.into()],
    ))
    .one(tx.conn())
    .await
}
