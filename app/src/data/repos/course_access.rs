//! What opens one course to one member (read by `domain::billing::entitlements`): the plans
//! that list it and the member's subscriptions to them, products bought for it (a course bought
//! on its own included), and member levels, their own or a signed plan's. One query, on every learner path into a course.

use crate::data::db::TenantTx;
use sea_orm::{DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// What a member's subscriptions, purchases and level say about one course (see
/// `domain::billing::entitlements`, which decides from it).
#[derive(Debug, Clone, FromQueryResult)]
pub struct CourseAccess {
    /// The course is listed in some plan.
    pub gated: bool,
    /// A signed subscription to one of those plans, or a paid product (the course's own
    /// included), grants it.
    pub granted: bool,
    /// A suspended subscription to one of those plans would grant it.
    pub paused: bool,
    /// The member's level, or a level a signed plan grants, meets the course's requirement.
    pub level_ok: bool,
    /// A suspended plan's level would meet it.
    pub level_paused: bool,
}

pub async fn of(
    tx: &TenantTx,
    user: Uuid,
    course: Uuid,
    required_level: Option<Uuid>,
) -> Result<CourseAccess, DbErr> {
    CourseAccess::find_by_statement(stmt(
        "WITH gating AS ( \
               SELECT plan_id FROM plan_courses WHERE tenant_id = $1 AND course_id = $3), \
             subs AS ( \
               SELECT s.plan_id, s.state, l.rank AS grants_rank FROM subscriptions s \
               JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id \
               LEFT JOIN member_levels l ON l.tenant_id = p.tenant_id AND l.id = p.grants_level_id \
               WHERE s.tenant_id = $1 AND s.user_id = $2 AND s.state IN ('signed', 'suspended')), \
             required AS ( \
               SELECT coalesce((SELECT rank FROM member_levels WHERE tenant_id = $1 AND id = $4), 0) \
                 AS rank) \
             SELECT \
               EXISTS (SELECT 1 FROM gating) AS gated, \
               EXISTS (SELECT 1 FROM gating g JOIN subs s ON s.plan_id = g.plan_id \
                 WHERE s.state = 'signed') \
                 OR EXISTS (SELECT 1 FROM invoices i JOIN products pr \
                   ON pr.tenant_id = i.tenant_id AND pr.id = i.product_id \
                   WHERE i.tenant_id = $1 AND i.user_id = $2 AND i.status = 'paid' \
                   AND pr.grants_course_id = $3) AS granted, \
               EXISTS (SELECT 1 FROM gating g JOIN subs s ON s.plan_id = g.plan_id \
                 WHERE s.state = 'suspended') AS paused, \
               $4::uuid IS NULL OR greatest( \
                 coalesce((SELECT l.rank FROM memberships m JOIN member_levels l \
                   ON l.tenant_id = m.tenant_id AND l.id = m.level_id \
                   WHERE m.tenant_id = $1 AND m.user_id = $2), -1), \
                 coalesce((SELECT max(grants_rank) FROM subs WHERE state = 'signed'), -1)) \
                 >= (SELECT rank FROM required) AS level_ok, \
               EXISTS (SELECT 1 FROM subs WHERE state = 'suspended' \
                 AND grants_rank >= (SELECT rank FROM required)) AS level_paused",
        [
            tx.tenant_id().into(),
            user.into(),
            course.into(),
            required_level.into(),
        ],
    ))
    .one(tx.conn())
    .await?
    .ok_or(DbErr::RecordNotFound("course access".into()))
}

/// What a member's subscriptions and purchases say about the assessments area.
#[derive(Debug, Clone, FromQueryResult)]
pub struct AssessmentsAccess {
    /// A signed plan or a paid product includes assessments.
    pub granted: bool,
    /// A suspended plan would include them.
    pub paused: bool,
}

pub async fn assessments(tx: &TenantTx, user: Uuid) -> Result<AssessmentsAccess, DbErr> {
    AssessmentsAccess::find_by_statement(stmt(
        "WITH subs AS ( \
           SELECT s.state FROM subscriptions s \
           JOIN plans p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id \
           WHERE s.tenant_id = $1 AND s.user_id = $2 AND p.grants_assessments \
             AND s.state IN ('signed', 'suspended')) \
         SELECT EXISTS (SELECT 1 FROM subs WHERE state = 'signed') \
             OR EXISTS (SELECT 1 FROM invoices i JOIN products pr \
               ON pr.tenant_id = i.tenant_id AND pr.id = i.product_id \
               WHERE i.tenant_id = $1 AND i.user_id = $2 AND i.status = 'paid' \
                 AND pr.grants_assessments) AS granted, \
           EXISTS (SELECT 1 FROM subs WHERE state = 'suspended') AS paused",
        [tx.tenant_id().into(), user.into()],
    ))
    .one(tx.conn())
    .await?
    .ok_or(DbErr::RecordNotFound("assessments access".into()))
}
