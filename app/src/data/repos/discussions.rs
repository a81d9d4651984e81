//! Course discussion threads and replies. Removal is soft: the body is cleared, the place kept.

use crate::data::db::TenantTx;
use crate::data::entities::{discussion_reply as reply, discussion_thread as thread};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

pub async fn create_thread(
    tx: &TenantTx,
    course_id: Uuid,
    author_id: Uuid,
    title: &str,
    body: &str,
) -> Result<thread::Model, DbErr> {
    thread::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        course_id: Set(course_id),
        author_id: Set(author_id),
        title: Set(title.to_owned()),
        body_markdown: Set(body.to_owned()),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

pub async fn create_reply(
    tx: &TenantTx,
    course_id: Uuid,
    thread_id: Uuid,
    author_id: Uuid,
    body: &str,
) -> Result<reply::Model, DbErr> {
    reply::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        course_id: Set(course_id),
        thread_id: Set(thread_id),
        author_id: Set(author_id),
        body_markdown: Set(body.to_owned()),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// Threads of a course, newest first.
pub async fn threads(tx: &TenantTx, course_id: Uuid) -> Result<Vec<thread::Model>, DbErr> {
    thread::Entity::find()
        .filter(thread::Column::TenantId.eq(tx.tenant_id()))
        .filter(thread::Column::CourseId.eq(course_id))
        .order_by_desc(thread::Column::CreatedAt)
        .all(tx.conn())
        .await
}

#[derive(FromQueryResult)]
struct ReplyCount {
    thread_id: Uuid,
    replies: i64,
}

/// Replies that are not removed, per thread of the course.
pub async fn reply_counts(tx: &TenantTx, course_id: Uuid) -> Result<HashMap<Uuid, u32>, DbErr> {
    let rows = reply::Entity::find()
        .select_only()
        .column(reply::Column::ThreadId)
        .column_as(reply::Column::Id.count(), "replies")
        .filter(reply::Column::TenantId.eq(tx.tenant_id()))
        .filter(reply::Column::CourseId.eq(course_id))
        .filter(reply::Column::RemovedAt.is_null())
        .group_by(reply::Column::ThreadId)
        .into_model::<ReplyCount>()
        .all(tx.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.thread_id, u32::try_from(r.replies).unwrap_or(u32::MAX)))
        .collect())
}

pub async fn find_thread(
    tx: &TenantTx,
    course_id: Uuid,
    id: Uuid,
) -> Result<Option<thread::Model>, DbErr> {
    thread::Entity::find()
        .filter(thread::Column::TenantId.eq(tx.tenant_id()))
        .filter(thread::Column::CourseId.eq(course_id))
        .filter(thread::Column::Id.eq(id))
        .one(tx.conn())
        .await
}

pub async fn replies(tx: &TenantTx, thread_id: Uuid) -> Result<Vec<reply::Model>, DbErr> {
    reply::Entity::find()
        .filter(reply::Column::TenantId.eq(tx.tenant_id()))
        .filter(reply::Column::ThreadId.eq(thread_id))
        .order_by_asc(reply::Column::CreatedAt)
        .all(tx.conn())
        .await
}

pub async fn find_reply(
    tx: &TenantTx,
    course_id: Uuid,
    id: Uuid,
) -> Result<Option<reply::Model>, DbErr> {
    reply::Entity::find()
        .filter(reply::Column::TenantId.eq(tx.tenant_id()))
        .filter(reply::Column::CourseId.eq(course_id))
        .filter(reply::Column::Id.eq(id))
        .one(tx.conn())
        .await
}

/// Replaces a post's body (thread or reply); the caller has checked it may.
pub async fn edit(tx: &TenantTx, id: Uuid, body: &str) -> Result<bool, DbErr> {
    let changed = |n: u64| n > 0;
    let threads = thread::Entity::update_many()
        .col_expr(thread::Column::BodyMarkdown, Expr::value(body))
        .col_expr(thread::Column::EditedAt, Expr::cust("now()"))
        .filter(thread::Column::TenantId.eq(tx.tenant_id()))
        .filter(thread::Column::Id.eq(id))
        .filter(thread::Column::RemovedAt.is_null())
        .exec(tx.conn())
        .await?;
    let replies = reply::Entity::update_many()
        .col_expr(reply::Column::BodyMarkdown, Expr::value(body))
        .col_expr(reply::Column::EditedAt, Expr::cust("now()"))
        .filter(reply::Column::TenantId.eq(tx.tenant_id()))
        .filter(reply::Column::Id.eq(id))
        .filter(reply::Column::RemovedAt.is_null())
        .exec(tx.conn())
        .await?;
    Ok(changed(threads.rows_affected) || changed(replies.rows_affected))
}

/// Removes a post (thread or reply): body cleared, a marker left. Returns whether one was found.
pub async fn remove(tx: &TenantTx, id: Uuid, by: Uuid) -> Result<bool, DbErr> {
    let threads = thread::Entity::update_many()
        .col_expr(thread::Column::BodyMarkdown, Expr::value(""))
        .col_expr(thread::Column::RemovedAt, Expr::cust("now()"))
        .col_expr(thread::Column::RemovedBy, Expr::value(by))
        .filter(thread::Column::TenantId.eq(tx.tenant_id()))
        .filter(thread::Column::Id.eq(id))
        .filter(thread::Column::RemovedAt.is_null())
        .exec(tx.conn())
        .await?;
    let replies = reply::Entity::update_many()
        .col_expr(reply::Column::BodyMarkdown, Expr::value(""))
        .col_expr(reply::Column::RemovedAt, Expr::cust("now()"))
        .col_expr(reply::Column::RemovedBy, Expr::value(by))
        .filter(reply::Column::TenantId.eq(tx.tenant_id()))
        .filter(reply::Column::Id.eq(id))
        .filter(reply::Column::RemovedAt.is_null())
        .exec(tx.conn())
        .await?;
    Ok(threads.rows_affected + replies.rows_affected > 0)
}
