//! Quizzes, their questions and options, and learners' attempts.

use crate::data::db::TenantTx;
use crate::data::entities::{quiz, quiz_attempt, quiz_option, quiz_question};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

pub async fn create(
    tx: &TenantTx,
    course_id: Uuid,
    title: &str,
    passing_score: i32,
) -> Result<quiz::Model, DbErr> {
    quiz::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        course_id: Set(course_id),
        title: Set(title.to_owned()),
        passing_score: Set(passing_score),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// Adds a question with its options (`(label, is_correct)`), in order.
pub async fn add_question(
    tx: &TenantTx,
    quiz_id: Uuid,
    prompt: &str,
    multiple: bool,
    position: i32,
    options: &[(&str, bool)],
) -> Result<quiz_question::Model, DbErr> {
    let question = quiz_question::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        quiz_id: Set(quiz_id),
        prompt: Set(prompt.to_owned()),
        multiple: Set(multiple),
        position: Set(position),
    }
    .insert(tx.conn())
    .await?;
    for (i, (label, is_correct)) in options.iter().enumerate() {
        quiz_option::ActiveModel {
            tenant_id: Set(tx.tenant_id()),
            id: Set(Uuid::now_v7()),
            question_id: Set(question.id),
            label: Set((*label).to_owned()),
            is_correct: Set(*is_correct),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
        }
        .insert(tx.conn())
        .await?;
    }
    Ok(question)
}

pub async fn list_for_course(tx: &TenantTx, course_id: Uuid) -> Result<Vec<quiz::Model>, DbErr> {
    quiz::Entity::find()
        .filter(quiz::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz::Column::CourseId.eq(course_id))
        .order_by_asc(quiz::Column::CreatedAt)
        .all(tx.conn())
        .await
}

/// A quiz with the number of its questions.
#[derive(Debug, sea_orm::FromQueryResult)]
pub struct Listed {
    #[sea_orm(nested)]
    pub quiz: quiz::Model,
    pub question_count: i64,
}

/// The quizzes of several courses that have at least one question (an empty quiz is still
/// being written: learners do not see it and it counts for nothing), oldest first, each with
/// its number of questions. One query.
pub async fn with_questions_for_courses(
    tx: &TenantTx,
    course_ids: &[Uuid],
) -> Result<Vec<Listed>, DbErr> {
    use sea_orm::sea_query::Expr;
    const COUNT: &str = "(SELECT count(*) FROM quiz_questions q \
                         WHERE q.tenant_id = quizzes.tenant_id AND q.quiz_id = quizzes.id)";
    quiz::Entity::find()
        .filter(quiz::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz::Column::CourseId.is_in(course_ids.iter().copied()))
        .column_as(Expr::cust(COUNT), "question_count")
        .filter(Expr::cust(format!("{COUNT} > 0")))
        .order_by_asc(quiz::Column::CreatedAt)
        .into_model::<Listed>()
        .all(tx.conn())
        .await
}

pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<quiz::Model>, DbErr> {
    quiz::Entity::find()
        .filter(quiz::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz::Column::Id.eq(id))
        .one(tx.conn())
        .await
}

/// A quiz's questions in order, each with its options in order.
pub async fn questions(
    tx: &TenantTx,
    quiz_id: Uuid,
) -> Result<Vec<(quiz_question::Model, Vec<quiz_option::Model>)>, DbErr> {
    let questions = quiz_question::Entity::find()
        .filter(quiz_question::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz_question::Column::QuizId.eq(quiz_id))
        .order_by_asc(quiz_question::Column::Position)
        .all(tx.conn())
        .await?;
    let ids: Vec<Uuid> = questions.iter().map(|q| q.id).collect();
    let options = quiz_option::Entity::find()
        .filter(quiz_option::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz_option::Column::QuestionId.is_in(ids))
        .order_by_asc(quiz_option::Column::Position)
        .all(tx.conn())
        .await?;
    Ok(questions
        .into_iter()
        .map(|q| {
            let mine = options
                .iter()
                .filter(|o| o.question_id == q.id)
                .cloned()
                .collect();
            (q, mine)
        })
        .collect())
}

pub struct NewAttempt {
    pub course_id: Uuid,
    pub quiz_id: Uuid,
    pub user_id: Uuid,
    pub score: i32,
    pub passed: bool,
    pub answers: serde_json::Value,
}

pub async fn record_attempt(tx: &TenantTx, a: NewAttempt) -> Result<quiz_attempt::Model, DbErr> {
    quiz_attempt::ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        course_id: Set(a.course_id),
        quiz_id: Set(a.quiz_id),
        user_id: Set(a.user_id),
        score: Set(a.score),
        passed: Set(a.passed),
        answers: Set(a.answers),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// Every attempt of these learners at the quizzes of these courses, newest first.
pub async fn attempts_for(
    tx: &TenantTx,
    course_ids: &[Uuid],
    user_ids: &[Uuid],
) -> Result<Vec<quiz_attempt::Model>, DbErr> {
    quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz_attempt::Column::CourseId.is_in(course_ids.iter().copied()))
        .filter(quiz_attempt::Column::UserId.is_in(user_ids.iter().copied()))
        .order_by_desc(quiz_attempt::Column::CreatedAt)
        .all(tx.conn())
        .await
}

/// A learner's attempts at the quizzes of one course, newest first.
pub async fn attempts_in_course(
    tx: &TenantTx,
    course_id: Uuid,
    user_id: Uuid,
) -> Result<Vec<quiz_attempt::Model>, DbErr> {
    quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz_attempt::Column::CourseId.eq(course_id))
        .filter(quiz_attempt::Column::UserId.eq(user_id))
        .order_by_desc(quiz_attempt::Column::CreatedAt)
        .all(tx.conn())
        .await
}

pub async fn update(
    tx: &TenantTx,
    id: Uuid,
    title: &str,
    passing_score: i32,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let result = quiz::Entity::update_many()
        .col_expr(quiz::Column::Title, Expr::value(title))
        .col_expr(quiz::Column::PassingScore, Expr::value(passing_score))
        .filter(quiz::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz::Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

pub async fn delete(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let result = quiz::Entity::delete_many()
        .filter(quiz::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz::Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// Deletes a question of quiz `quiz_id` (with its options).
pub async fn delete_question(tx: &TenantTx, quiz_id: Uuid, id: Uuid) -> Result<bool, DbErr> {
    let result = quiz_question::Entity::delete_many()
        .filter(quiz_question::Column::TenantId.eq(tx.tenant_id()))
        .filter(quiz_question::Column::QuizId.eq(quiz_id))
        .filter(quiz_question::Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}
