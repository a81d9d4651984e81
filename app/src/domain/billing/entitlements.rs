//! What subscriptions grant, checked on every learner path into a course (`guards::reach`).
//! A course listed in any plan is for that plan's subscribers: a `signed` subscription (or a
//! paid product for it, the course's own included) opens it, and `suspended` or `unsigned` closes it at
//! once — enrolment and progress stay, so resuming picks up where the learner left off. A plan
//! that grants a member level lifts its signed subscribers to that level for level-gated courses.
//! Where a tenant sells its assessments, quizzes need a signed plan or paid product that
//! includes them (`check_assessments`).

use crate::data::TenantTx;
use crate::data::repos::course_access;
use crate::error::AppError;
use crate::model::FormError;
use uuid::Uuid;

/// What the plans and levels say about one member and one course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entitlement {
    /// The course is listed in a plan and a signed subscription (or a purchase) opens it: a
    /// priced course is then enrolled in without paying again.
    pub through_plan: bool,
    /// Why the member may not reach it, if they may not.
    pub refused: Option<FormError>,
}

pub async fn evaluate(
    tx: &TenantTx,
    user: Uuid,
    course: Uuid,
    required_level: Option<Uuid>,
) -> Result<Entitlement, AppError> {
    let access = course_access::of(tx, user, course, required_level).await?;
    let refused = if access.gated && !access.granted {
        Some(if access.paused {
            FormError::SubscriptionSuspended
        } else {
            FormError::SubscriptionRequired
        })
    } else if !access.level_ok {
        Some(if access.level_paused {
            FormError::SubscriptionSuspended
        } else {
            FormError::LevelRequired
        })
    } else {
        None
    };
    Ok(Entitlement {
        through_plan: access.gated && access.granted,
        refused,
    })
}

/// Refuses `user` on `course` unless the plans and levels let them in, with the reason.
pub async fn check(
    tx: &TenantTx,
    user: Uuid,
    course: Uuid,
    required_level: Option<Uuid>,
) -> Result<Entitlement, AppError> {
    let entitlement = evaluate(tx, user, course, required_level).await?;
    match entitlement.refused {
        Some(reason) => Err(reason.into()),
        None => Ok(entitlement),
    }
}

/// Refuses `user` the tenant's quizzes unless a signed plan or a paid product includes the
/// assessments area. Only asked where the tenant sells its assessments.
pub async fn check_assessments(tx: &TenantTx, user: Uuid) -> Result<(), AppError> {
    let access = course_access::assessments(tx, user).await?;
    match (access.granted, access.paused) {
        (true, _) => Ok(()),
        (false, true) => Err(FormError::SubscriptionSuspended.into()),
        (false, false) => Err(FormError::AssessmentsRequired.into()),
    }
}
