//! Enrolments and per-lesson progress of learners in this tenant.

use crate::data::db::TenantTx;
use crate::data::entities::{enrollment, lesson_progress};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().into()
}

/// Enrols a member; enrolling twice is harmless.
pub async fn enroll(tx: &TenantTx, course_id: Uuid, user_id: Uuid) -> Result<(), DbErr> {
    let row = enrollment::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        course_id: Set(course_id),
        user_id: Set(user_id),
        ..Default::default()
    };
    enrollment::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                enrollment::Column::TenantId,
                enrollment::Column::CourseId,
                enrollment::Column::UserId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    Ok(())
}

pub async fn find(
    tx: &TenantTx,
    course_id: Uuid,
    user_id: Uuid,
) -> Result<Option<enrollment::Model>, DbErr> {
    enrollment::Entity::find()
        .filter(enrollment::Column::TenantId.eq(tx.tenant_id()))
        .filter(enrollment::Column::CourseId.eq(course_id))
        .filter(enrollment::Column::UserId.eq(user_id))
        .one(tx.conn())
        .await
}

/// A person's enrolments, most recent first.
pub async fn list_for_user(tx: &TenantTx, user_id: Uuid) -> Result<Vec<enrollment::Model>, DbErr> {
    enrollment::Entity::find()
        .filter(enrollment::Column::TenantId.eq(tx.tenant_id()))
        .filter(enrollment::Column::UserId.eq(user_id))
        .order_by_desc(enrollment::Column::EnrolledAt)
        .all(tx.conn())
        .await
}

pub async fn set_completed(
    tx: &TenantTx,
    course_id: Uuid,
    user_id: Uuid,
    completed: bool,
) -> Result<(), DbErr> {
    let value = if completed {
        Expr::cust("COALESCE(completed_at, now())")
    } else {
        Expr::cust("NULL")
    };
    enrollment::Entity::update_many()
        .col_expr(enrollment::Column::CompletedAt, value)
        .filter(enrollment::Column::TenantId.eq(tx.tenant_id()))
        .filter(enrollment::Column::CourseId.eq(course_id))
        .filter(enrollment::Column::UserId.eq(user_id))
        .exec(tx.conn())
        .await?;
    Ok(())
}

pub async fn remove(tx: &TenantTx, course_id: Uuid, user_id: Uuid) -> Result<bool, DbErr> {
    let result = enrollment::Entity::delete_many()
        .filter(enrollment::Column::TenantId.eq(tx.tenant_id()))
        .filter(enrollment::Column::CourseId.eq(course_id))
        .filter(enrollment::Column::UserId.eq(user_id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

fn progress_row(
    tx: &TenantTx,
    user_id: Uuid,
    course_id: Uuid,
    lesson_id: Uuid,
    completed: bool,
) -> lesson_progress::ActiveModel {
    lesson_progress::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        user_id: Set(user_id),
        course_id: Set(course_id),
        lesson_id: Set(lesson_id),
        last_viewed_at: Set(now()),
        completed_at: Set(completed.then(now)),
    }
}

fn progress_key() -> [lesson_progress::Column; 3] {
    [
        lesson_progress::Column::TenantId,
        lesson_progress::Column::UserId,
        lesson_progress::Column::LessonId,
    ]
}

/// Notes that the learner opened a lesson (for "continue where you left off").
pub async fn view_lesson(
    tx: &TenantTx,
    user_id: Uuid,
    course_id: Uuid,
    lesson_id: Uuid,
) -> Result<(), DbErr> {
    lesson_progress::Entity::insert(progress_row(tx, user_id, course_id, lesson_id, false))
        .on_conflict(
            OnConflict::columns(progress_key())
                .update_column(lesson_progress::Column::LastViewedAt)
                .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    Ok(())
}

/// Marks a lesson done for an enrolled learner (keeps the first completion time).
pub async fn complete_lesson(
    tx: &TenantTx,
    user_id: Uuid,
    course_id: Uuid,
    lesson_id: Uuid,
) -> Result<(), DbErr> {
    lesson_progress::Entity::insert(progress_row(tx, user_id, course_id, lesson_id, true))
        .on_conflict(
            OnConflict::columns(progress_key())
                .value(lesson_progress::Column::LastViewedAt, Expr::cust("now()"))
                .value(
                    lesson_progress::Column::CompletedAt,
                    Expr::cust("COALESCE(lesson_progress.completed_at, now())"),
                )
                .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    Ok(())
}

/// Lessons these learners have completed in these courses: (course, learner, lesson).
pub async fn completed_lessons_for(
    tx: &TenantTx,
    course_ids: &[Uuid],
    user_ids: &[Uuid],
) -> Result<Vec<(Uuid, Uuid, Uuid)>, DbErr> {
    lesson_progress::Entity::find()
        .select_only()
        .column(lesson_progress::Column::CourseId)
        .column(lesson_progress::Column::UserId)
        .column(lesson_progress::Column::LessonId)
        .filter(lesson_progress::Column::TenantId.eq(tx.tenant_id()))
        .filter(lesson_progress::Column::CourseId.is_in(course_ids.iter().copied()))
        .filter(lesson_progress::Column::UserId.is_in(user_ids.iter().copied()))
        .filter(lesson_progress::Column::CompletedAt.is_not_null())
        .into_tuple()
        .all(tx.conn())
        .await
}

/// The lesson each of these learners opened last in each of these courses, and when:
/// (course, learner, lesson, opened at), one row per course and learner.
pub async fn last_views_for(
    tx: &TenantTx,
    course_ids: &[Uuid],
    user_ids: &[Uuid],
) -> Result<Vec<(Uuid, Uuid, Uuid, chrono::DateTime<chrono::FixedOffset>)>, DbErr> {
    lesson_progress::Entity::find()
        .select_only()
        .column(lesson_progress::Column::CourseId)
        .column(lesson_progress::Column::UserId)
        .column(lesson_progress::Column::LessonId)
        .column(lesson_progress::Column::LastViewedAt)
        .distinct_on([
            lesson_progress::Column::CourseId,
            lesson_progress::Column::UserId,
        ])
        .filter(lesson_progress::Column::TenantId.eq(tx.tenant_id()))
        .filter(lesson_progress::Column::CourseId.is_in(course_ids.iter().copied()))
        .filter(lesson_progress::Column::UserId.is_in(user_ids.iter().copied()))
        .order_by_asc(lesson_progress::Column::CourseId)
        .order_by_asc(lesson_progress::Column::UserId)
        .order_by_desc(lesson_progress::Column::LastViewedAt)
        .into_tuple()
        .all(tx.conn())
        .await
}

/// Learners enrolled in a course.
pub async fn count_for_course(tx: &TenantTx, course_id: Uuid) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    enrollment::Entity::find()
        .filter(enrollment::Column::TenantId.eq(tx.tenant_id()))
        .filter(enrollment::Column::CourseId.eq(course_id))
        .count(tx.conn())
        .await
}

pub async fn list_for_course(
    tx: &TenantTx,
    course_id: Uuid,
) -> Result<Vec<enrollment::Model>, DbErr> {
    enrollment::Entity::find()
        .filter(enrollment::Column::TenantId.eq(tx.tenant_id()))
        .filter(enrollment::Column::CourseId.eq(course_id))
        .order_by_asc(enrollment::Column::EnrolledAt)
        .all(tx.conn())
        .await
}
