//! What subscriptions grant, checked on every learner path into a course (`guards::reach`).
//! A course listed in any plan is for that plan's subscribers: a `signed` subscription (or a
//! paid product that grants the course) opens it, and `suspended` or `unsigned` closes it at
//! once — enrolment and progress stay, so resuming picks up where the learner left off. A plan
//! that grants a member level lifts its signed subscribers to that level for level-gated courses.

use crate::data::TenantTx;
use crate::data::repos::subscriptions;
use crate::error::AppError;
use crate::model::FormError;
use uuid::Uuid;

/// Refuses `user` on `course` unless the plans and levels let them in, with the reason.
pub async fn check(
    tx: &TenantTx,
    user: Uuid,
    course: Uuid,
    required_level: Option<Uuid>,
) -> Result<(), AppError> {
    let access = subscriptions::course_access(tx, user, course, required_level).await?;
    if access.gated && !access.granted {
        return Err(if access.paused {
            FormError::SubscriptionSuspended
        } else {
            FormError::SubscriptionRequired
        }
        .into());
    }
    if !access.level_ok {
        return Err(if access.level_paused {
            FormError::SubscriptionSuspended
        } else {
            FormError::LevelRequired
        }
        .into());
    }
    Ok(())
}
