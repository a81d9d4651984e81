//! Global identities. Not tenant data: sign-in must find a person before any tenant is involved.

use crate::data::db::Db;
use crate::data::entities::user::{self, ActiveModel, Entity};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveModelTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<String>,
}

pub async fn create(db: &Db, new: NewUser<'_>) -> Result<user::Model, DbErr> {
    ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(new.email.trim().to_owned()),
        display_name: Set(new.display_name.trim().to_owned()),
        password_hash: Set(new.password_hash),
        // is_super_admin is left to its default: the app role may not write it.
        ..Default::default()
    }
    .insert(db.global())
    .await
}

/// Case-insensitive, as the unique index is.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<user::Model>, DbErr> {
    Entity::find()
        .filter(
            Expr::expr(Func::lower(Expr::col(user::Column::Email))).eq(email.trim().to_lowercase()),
        )
        .one(db.global())
        .await
}

pub async fn find(db: &Db, id: Uuid) -> Result<Option<user::Model>, DbErr> {
    Entity::find_by_id(id).one(db.global()).await
}
