//! Who may act on what, for server functions: the studio's guard (teaching staff, a course of
//! this tenant, one transaction) lives here with the learning rules it protects.

use crate::auth::{Member, Permission};
use crate::data::TenantTx;
use crate::data::entities::course;
use crate::data::repos::courses;
use crate::domain::billing::entitlements::Entitlement;
use crate::error::AppError;
use crate::model::Feature;
use crate::request::TenantScope;
use uuid::Uuid;

/// The caller, if they may teach here; 401/403 otherwise.
pub fn staff(scope: &TenantScope) -> Result<Member, AppError> {
    scope.require(Feature::Courses)?;
    scope.viewer().require(Permission::Teach)
}

/// Malformed ids are as missing as unknown ones.
pub fn id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// A course of this tenant, drafts included.
pub async fn course(tx: &TenantTx, raw: &str) -> Result<course::Model, AppError> {
    courses::find(tx, id(raw)?).await?.ok_or(AppError::NotFound)
}

/// Runs `f` for teaching staff with the course named by `raw_course` (this tenant's only),
/// committing when it succeeds. The permission is checked before any transaction opens.
pub async fn with_course<T>(
    scope: &TenantScope,
    raw_course: &str,
    f: impl AsyncFnOnce(&TenantTx, &course::Model) -> Result<T, AppError>,
) -> Result<T, AppError> {
    staff(scope)?;
    let tx = scope.begin().await?;
    let course = course(&tx, raw_course).await?;
    let out = f(&tx, &course).await?;
    tx.commit().await?;
    Ok(out)
}

/// The caller, if they may run this organisation (owners and admins); 401/403 otherwise.
pub fn admin(scope: &TenantScope) -> Result<Member, AppError> {
    scope.viewer().require(Permission::Administer)
}

/// Refuses a learner the course is closed to (403 with the reason): a member level below the
/// one it requires, or a plan's course without a signed subscription to that plan (see
/// `billing::entitlements`). Teaching staff and admins reach every course. The one place access
/// is enforced: every learner path into a course (enrolling, lessons, completion, quizzes,
/// discussions) calls it.
pub async fn reach(
    tx: &TenantTx,
    member: &Member,
    course: &course::Model,
) -> Result<Entitlement, AppError> {
    if Permission::Teach.allows(member.role) {
        return Ok(Entitlement {
            through_plan: false,
            refused: None,
        });
    }
    crate::domain::billing::entitlements::check(
        tx,
        member.user_id,
        course.id,
        course.required_level_id,
    )
    .await
}
