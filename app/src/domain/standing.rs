//! What a viewer may do with a course: see it, join, enrol, continue.

use super::Syllabus;
use super::progress::{Records, countable_quizzes, progress, resume_point};
use crate::auth::Viewer;
use crate::data::TenantTx;
use crate::data::entities::course;
use crate::data::repos::{course_products, enrollments};
use crate::error::AppError;
use crate::model::learning::CourseStanding;

/// Whether the course's quizzes count toward completion here.
pub fn quizzes_count(course: &course::Model, assessments_on: bool) -> bool {
    course.quiz_required && assessments_on
}

/// The viewer's standing in a course: membership, enrolment, checkout, progress.
pub async fn standing(
    tx: &TenantTx,
    viewer: &Viewer,
    course: &course::Model,
    syllabus: &Syllabus,
    assessments_on: bool,
    can_join: bool,
) -> Result<CourseStanding, AppError> {
    let mut standing = CourseStanding {
        signed_in: viewer.user_id().is_some(),
        member: viewer.role().is_some(),
        can_join: viewer.user_id().is_some() && viewer.role().is_none() && can_join,
        ..CourseStanding::default()
    };
    let (Some(user_id), true) = (viewer.user_id(), standing.member) else {
        return Ok(standing);
    };
    if !viewer
        .role()
        .is_some_and(|r| crate::auth::Permission::Teach.allows(r))
    {
        let entitlement = crate::domain::billing::entitlements::evaluate(
            tx,
            user_id,
            course.id,
            course.required_level_id,
        )
        .await?;
        standing.included_in_plan = entitlement.through_plan;
        standing.lock = entitlement.refused;
    }
    if enrollments::find(tx, course.id, user_id).await?.is_some() {
        let countable = countable_quizzes(tx, &[course.id]).await?;
        let countable = countable
            .get(&course.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let records = Records::load(tx, &[course.id], &[user_id]).await?;
        let (progress, done) = progress(
            course,
            syllabus,
            countable,
            &records,
            user_id,
            assessments_on,
        );
        let last = records.last_view(course.id, user_id).map(|(id, _)| id);
        standing.enrolled = true;
        standing.resume = resume_point(syllabus, last, &done);
        standing.completed_lessons = syllabus
            .lessons
            .iter()
            .filter(|l| done.contains(&l.id))
            .map(|l| l.id)
            .collect();
        standing.progress = Some(progress);
    } else {
        standing.checkout_waiting = course_products::open_invoice(tx, user_id, course.id)
            .await?
            .is_some();
    }
    Ok(standing)
}

/// A published course the viewer may see, by slug; `NotFound` otherwise (drafts, members-only
/// courses for non-members and malformed slugs alike).
pub async fn visible_course(
    tx: &TenantTx,
    viewer: &Viewer,
    slug: &str,
) -> Result<course::Model, AppError> {
    let slug = crate::model::CourseSlug::parse(slug).map_err(|_| AppError::NotFound)?;
    crate::data::repos::courses::find_visible_by_slug(tx, viewer.audience(), slug.as_str())
        .await?
        .ok_or(AppError::NotFound)
}
