//! A tenant's own figures for its admins' dashboard, each read in one grouped pass over its
//! window on an index leading with `tenant_id` (migration 0023).

use crate::data::db::TenantTx;
use sea_orm::{DbBackend, DbErr, FromQueryResult, Statement};

fn stmt(tx: &TenantTx, sql: &str) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, [tx.tenant_id().into()])
}

const ACTIVE: &str = "SELECT count(DISTINCT user_id) FILTER \
                  (WHERE last_viewed_at > now() - interval '7 days') AS week, \
                count(DISTINCT user_id) AS month \
         FROM lesson_progress \
         WHERE tenant_id = $1 AND last_viewed_at > now() - interval '30 days'";

const WEEKS: &str = "WITH w AS (SELECT generate_series(date_trunc('week', now()) - interval '11 weeks', \
                                           date_trunc('week', now()), interval '1 week') AS w), \
         e AS (SELECT date_trunc('week', enrolled_at) AS w, count(*) AS n FROM enrollments \
               WHERE tenant_id = $1 \
                 AND enrolled_at >= date_trunc('week', now()) - interval '11 weeks' \
               GROUP BY 1), \
         c AS (SELECT date_trunc('week', completed_at) AS w, count(*) AS n FROM enrollments \
               WHERE tenant_id = $1 AND completed_at IS NOT NULL \
                 AND completed_at >= date_trunc('week', now()) - interval '11 weeks' \
               GROUP BY 1) \
         SELECT to_char(w.w, 'Mon DD') AS label, coalesce(e.n, 0) AS enrolments, \
                coalesce(c.n, 0) AS completions \
         FROM w LEFT JOIN e USING (w) LEFT JOIN c USING (w) ORDER BY w.w";

const COURSES: &str = "SELECT c.title, e.enrolled, e.completed FROM ( \
           SELECT course_id, count(*) AS enrolled, count(completed_at) AS completed \
           FROM enrollments WHERE tenant_id = $1 GROUP BY course_id \
           ORDER BY count(*) DESC, course_id LIMIT 12) e \
         JOIN courses c ON c.tenant_id = $1 AND c.id = e.course_id \
         ORDER BY e.enrolled DESC, c.title";

const QUIZZES: &str = "SELECT q.title, a.takers, a.passed FROM ( \
           SELECT quiz_id, count(DISTINCT user_id) AS takers, \
                  count(DISTINCT user_id) FILTER (WHERE passed) AS passed \
           FROM quiz_attempts WHERE tenant_id = $1 GROUP BY quiz_id \
           ORDER BY 2 DESC, quiz_id LIMIT 12) a \
         JOIN quizzes q ON q.tenant_id = $1 AND q.id = a.quiz_id \
         ORDER BY a.takers DESC, q.title";

const REVENUE: &str = "WITH m AS (SELECT generate_series(date_trunc('month', now()) - interval '11 months', \
                                           date_trunc('month', now()), interval '1 month') AS m), \
         p AS (SELECT date_trunc('month', paid_at) AS m, sum(amount_minor)::bigint AS n \
               FROM invoices WHERE tenant_id = $1 AND status = 'paid' \
                 AND paid_at >= date_trunc('month', now()) - interval '11 months' \
               GROUP BY 1) \
         SELECT to_char(m.m, 'YYYY-MM') AS label, coalesce(p.n, 0)::bigint AS cents \
         FROM m LEFT JOIN p USING (m) ORDER BY m.m";

/// Every query above, for tests that check their plans use indexes.
pub const QUERIES: [&str; 5] = [ACTIVE, WEEKS, COURSES, QUIZZES, REVENUE];

#[derive(Debug, Clone, FromQueryResult)]
pub struct Active {
    pub week: i64,
    pub month: i64,
}

/// Learners who opened a lesson in the last 7 and 30 days.
pub async fn active_learners(tx: &TenantTx) -> Result<Active, DbErr> {
    let row = Active::find_by_statement(stmt(tx, ACTIVE))
        .one(tx.conn())
        .await?;
    Ok(row.unwrap_or(Active { week: 0, month: 0 }))
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Week {
    pub label: String,
    pub enrolments: i64,
    pub completions: i64,
}

/// Enrolments and completions in each of the twelve weeks ending with this one.
pub async fn weeks(tx: &TenantTx) -> Result<Vec<Week>, DbErr> {
    Week::find_by_statement(stmt(tx, WEEKS))
        .all(tx.conn())
        .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct CourseRate {
    pub title: String,
    pub enrolled: i64,
    pub completed: i64,
}

/// The twelve courses with the most learners, with how many completed them.
pub async fn completion_by_course(tx: &TenantTx) -> Result<Vec<CourseRate>, DbErr> {
    CourseRate::find_by_statement(stmt(tx, COURSES))
        .all(tx.conn())
        .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct QuizRate {
    pub title: String,
    pub takers: i64,
    pub passed: i64,
}

/// The twelve most taken quizzes: how many people took each, and how many passed it.
pub async fn quiz_pass_rates(tx: &TenantTx) -> Result<Vec<QuizRate>, DbErr> {
    QuizRate::find_by_statement(stmt(tx, QUIZZES))
        .all(tx.conn())
        .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Month {
    pub label: String,
    pub cents: i64,
}

/// Paid revenue in each of the last twelve months.
pub async fn revenue(tx: &TenantTx) -> Result<Vec<Month>, DbErr> {
    Month::find_by_statement(stmt(tx, REVENUE))
        .all(tx.conn())
        .await
}
