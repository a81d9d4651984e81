//! Orders for priced courses. Payment is simulated; the states are real.

use crate::data::db::TenantTx;
use crate::data::entities::order::{self, ActiveModel, Column, Entity};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// The learner's open checkout for a course, or a new one at `amount_cents`.
pub async fn open_checkout(
    tx: &TenantTx,
    user_id: Uuid,
    course: &crate::data::entities::course::Model,
    amount_cents: i32,
) -> Result<order::Model, DbErr> {
    if let Some(existing) = pending_for(tx, user_id, course.id).await? {
        return Ok(existing);
    }
    ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        course_id: Set(Some(course.id)),
        course_title: Set(course.title.clone()),
        amount_cents: Set(amount_cents),
        currency: Set("USD".to_owned()),
        status: Set("pending".to_owned()),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

pub async fn pending_for(
    tx: &TenantTx,
    user_id: Uuid,
    course_id: Uuid,
) -> Result<Option<order::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::CourseId.eq(course_id))
        .filter(Column::Status.eq("pending"))
        .one(tx.conn())
        .await
}

pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<order::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .one(tx.conn())
        .await
}

/// Moves an order from `from` to `to`; returns false when it was not in state `from`.
async fn transition(
    tx: &TenantTx,
    id: Uuid,
    from: &str,
    to: &str,
    stamp: Column,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::Status, Expr::value(to))
        .col_expr(stamp, Expr::cust("now()"))
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(from))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn mark_paid(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    transition(tx, id, "pending", "paid", Column::PaidAt).await
}

pub async fn mark_refunded(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    transition(tx, id, "paid", "refunded", Column::RefundedAt).await
}
