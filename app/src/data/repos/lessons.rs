use crate::data::db::TenantTx;
use crate::data::entities::lesson::{self, ActiveModel, Column, Entity};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

pub struct NewLesson<'a> {
    pub course_id: Uuid,
    pub module_id: Uuid,
    pub title: &'a str,
    pub body_markdown: &'a str,
    pub position: i32,
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

#[derive(FromQueryResult)]
struct CourseLessonCount {
    course_id: Uuid,
    lessons: i64,
}

/// Number of lessons per course, for the given courses of this tenant.
pub async fn count_by_course(
    tx: &TenantTx,
    course_ids: &[Uuid],
) -> Result<HashMap<Uuid, u32>, DbErr> {
    if course_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = Entity::find()
        .select_only()
        .column(Column::CourseId)
        .column_as(Column::Id.count(), "lessons")
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::CourseId.is_in(course_ids.iter().copied()))
        .group_by(Column::CourseId)
        .into_model::<CourseLessonCount>()
        .all(tx.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.course_id, u32::try_from(r.lessons).unwrap_or(u32::MAX)))
        .collect())
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
