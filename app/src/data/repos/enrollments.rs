use crate::data::db::TenantTx;
use crate::data::entities::{enrollment, lesson_progress};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

pub async fn enroll(
    tx: &TenantTx,
    course_id: Uuid,
    user_id: Uuid,
) -> Result<enrollment::Model, DbErr> {
    enrollment::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        course_id: Set(course_id),
        user_id: Set(user_id),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

pub async fn list_for_user(tx: &TenantTx, user_id: Uuid) -> Result<Vec<enrollment::Model>, DbErr> {
    enrollment::Entity::find()
        .filter(enrollment::Column::TenantId.eq(tx.tenant_id()))
        .filter(enrollment::Column::UserId.eq(user_id))
        .all(tx.conn())
        .await
}

/// Records a lesson as completed for an enrolled learner.
pub async fn complete_lesson(
    tx: &TenantTx,
    user_id: Uuid,
    course_id: Uuid,
    lesson_id: Uuid,
) -> Result<lesson_progress::Model, DbErr> {
    let now: chrono::DateTime<chrono::FixedOffset> = chrono::Utc::now().into();
    lesson_progress::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        user_id: Set(user_id),
        course_id: Set(course_id),
        lesson_id: Set(lesson_id),
        last_viewed_at: Set(now),
        completed_at: Set(Some(now)),
    }
    .insert(tx.conn())
    .await
}
