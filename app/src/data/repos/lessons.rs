use crate::data::db::TenantTx;
use crate::data::entities::lesson::{self, ActiveModel, Column, Entity};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

pub struct NewLesson<'a> {
    pub course_id: Uuid,
    pub module_id: Uuid,
    pub title: &'a str,
    pub body_markdown: &'a str,
    pub position: i32,
    pub published: bool,
}

pub async fn create(tx: &TenantTx, new: NewLesson<'_>) -> Result<lesson::Model, DbErr> {
    ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        course_id: Set(new.course_id),
        module_id: Set(new.module_id),
        title: Set(new.title.to_owned()),
        body_markdown: Set(new.body_markdown.to_owned()),
        position: Set(new.position),
        published: Set(new.published),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// A course's lessons ordered by position within each module (group them by `module_id`).
pub async fn list_for_course(tx: &TenantTx, course_id: Uuid) -> Result<Vec<lesson::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::CourseId.eq(course_id))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::CreatedAt)
        .all(tx.conn())
        .await
}

/// A lesson without its body: what a syllabus needs to list, count and link lessons.
#[derive(Clone, Debug, FromQueryResult)]
pub struct Entry {
    pub id: Uuid,
    pub module_id: Uuid,
    pub title: String,
}

/// The lessons learners see in several courses: published ones, in the same order, without
/// their bodies (a learner's pages list many lessons and show at most one).
pub async fn list_published_for_courses(
    tx: &TenantTx,
    course_ids: &[Uuid],
) -> Result<Vec<Entry>, DbErr> {
    Entity::find()
        .select_only()
        .columns([Column::Id, Column::ModuleId, Column::Title])
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::CourseId.is_in(course_ids.iter().copied()))
        .filter(Column::Published.eq(true))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::CreatedAt)
        .into_model::<Entry>()
        .all(tx.conn())
        .await
}

/// One lesson's Markdown.
pub async fn body(tx: &TenantTx, id: Uuid) -> Result<Option<String>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::BodyMarkdown)
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .into_tuple::<String>()
        .one(tx.conn())
        .await
}

pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<lesson::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .one(tx.conn())
        .await
}

/// Replaces a lesson's Markdown; returns whether a lesson of this tenant was changed.
pub async fn update_body(tx: &TenantTx, id: Uuid, body: &str) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::BodyMarkdown, sea_orm::sea_query::Expr::value(body))
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// Saves a lesson's title and body if it is still at `expected_version`.
pub async fn save(
    tx: &TenantTx,
    id: Uuid,
    expected_version: i32,
    title: &str,
    body: &str,
) -> Result<super::Saved, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let result = Entity::update_many()
        .col_expr(Column::Title, Expr::value(title))
        .col_expr(Column::BodyMarkdown, Expr::value(body))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::Version.eq(expected_version))
        .exec(tx.conn())
        .await?;
    if result.rows_affected == 1 {
        return Ok(super::Saved::Done(expected_version + 1));
    }
    Ok(if find(tx, id).await?.is_some() {
        super::Saved::Conflict
    } else {
        super::Saved::Missing
    })
}

pub async fn set_published(tx: &TenantTx, id: Uuid, published: bool) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(
            Column::Published,
            sea_orm::sea_query::Expr::value(published),
        )
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

pub async fn delete(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// A module's lessons (drafts too) in order.
pub async fn list_for_module(tx: &TenantTx, module_id: Uuid) -> Result<Vec<lesson::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::ModuleId.eq(module_id))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::CreatedAt)
        .all(tx.conn())
        .await
}

/// Numbers the given lessons 0, 1, 2… in this order.
pub async fn set_order(tx: &TenantTx, ids: &[Uuid]) -> Result<(), DbErr> {
    for (position, id) in ids.iter().enumerate() {
        Entity::update_many()
            .col_expr(
                Column::Position,
                sea_orm::sea_query::Expr::value(i32::try_from(position).unwrap_or(i32::MAX)),
            )
            .filter(Column::TenantId.eq(tx.tenant_id()))
            .filter(Column::Id.eq(*id))
            .exec(tx.conn())
            .await?;
    }
    Ok(())
}
