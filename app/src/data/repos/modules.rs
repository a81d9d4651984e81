use crate::data::db::TenantTx;
use crate::data::entities::module::{self, ActiveModel, Column, Entity};
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
