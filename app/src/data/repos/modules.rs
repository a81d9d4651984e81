use crate::data::db::TenantTx;
use crate::data::entities::module::{self, ActiveModel, Column, Entity};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

pub async fn create(
    tx: &TenantTx,
    course_id: Uuid,
    title: &str,
    position: i32,
) -> Result<module::Model, DbErr> {
    ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        course_id: Set(course_id),
        title: Set(title.to_owned()),
        position: Set(position),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// A course's modules in the order learners see them.
pub async fn list_for_course(tx: &TenantTx, course_id: Uuid) -> Result<Vec<module::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::CourseId.eq(course_id))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::CreatedAt)
        .all(tx.conn())
        .await
}

/// The modules of several courses, each course's in the order learners see them.
pub async fn list_for_courses(
    tx: &TenantTx,
    course_ids: &[Uuid],
) -> Result<Vec<module::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::CourseId.is_in(course_ids.iter().copied()))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::CreatedAt)
        .all(tx.conn())
        .await
}

pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<module::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .one(tx.conn())
        .await
}

pub async fn rename(tx: &TenantTx, id: Uuid, title: &str) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::Title, Expr::value(title))
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// Deletes a module and, by cascade, its lessons.
pub async fn delete(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// Numbers the given modules 0, 1, 2… in this order.
pub async fn set_order(tx: &TenantTx, ids: &[Uuid]) -> Result<(), DbErr> {
    for (position, id) in ids.iter().enumerate() {
        Entity::update_many()
            .col_expr(
                Column::Position,
                Expr::value(i32::try_from(position).unwrap_or(i32::MAX)),
            )
            .filter(Column::TenantId.eq(tx.tenant_id()))
            .filter(Column::Id.eq(*id))
            .exec(tx.conn())
            .await?;
    }
    Ok(())
}
