//! Learning rules on the server: lesson order, progress and course completion. Used by every
//! server function that shows or changes progress, so they all agree.

use crate::auth::Viewer;
use crate::data::TenantTx;
use crate::data::entities::{course, lesson, module};
use crate::data::repos::{enrollments, lessons, modules, orders, quizzes};
use crate::error::AppError;
use crate::model::learning::{CourseStanding, LessonRef, Progress};
use std::collections::HashSet;
use uuid::Uuid;

/// A course's lessons in the order learners take them, each with its module.
pub struct Syllabus {
    pub modules: Vec<module::Model>,
    pub lessons: Vec<lesson::Model>,
}

impl Syllabus {
    /// What learners see: modules with their published lessons.
    pub async fn load(tx: &TenantTx, course_id: Uuid) -> Result<Self, AppError> {
        let modules = modules::list_for_course(tx, course_id).await?;
        let mut by_module = lessons::list_published_for_course(tx, course_id).await?;
        let mut lessons = Vec::with_capacity(by_module.len());
        for m in &modules {
            let (mine, rest): (Vec<_>, Vec<_>) =
                by_module.into_iter().partition(|l| l.module_id == m.id);
            lessons.extend(mine);
            by_module = rest;
        }
        Ok(Self { modules, lessons })
    }

    pub fn position(&self, lesson_id: Uuid) -> Option<usize> {
        self.lessons.iter().position(|l| l.id == lesson_id)
    }

    pub fn module_title(&self, lesson: &lesson::Model) -> String {
        self.modules
            .iter()
            .find(|m| m.id == lesson.module_id)
            .map(|m| m.title.clone())
            .unwrap_or_default()
    }

    pub fn reference(lesson: &lesson::Model) -> LessonRef {
        LessonRef {
            id: lesson.id,
            title: lesson.title.clone(),
        }
    }
}

/// Whether the course's quizzes count toward completion here.
pub fn quizzes_count(course: &course::Model, assessments_on: bool) -> bool {
    course.quiz_required && assessments_on
}

/// Progress of one learner through one course (lessons, plus quizzes when they count).
pub async fn progress(
    tx: &TenantTx,
    course: &course::Model,
    syllabus: &Syllabus,
    user_id: Uuid,
    assessments_on: bool,
) -> Result<(Progress, HashSet<Uuid>), AppError> {
    let done: HashSet<Uuid> = enrollments::completed_lessons(tx, course.id, user_id)
        .await?
        .into_iter()
        .collect();
    let lessons_done = syllabus
        .lessons
        .iter()
        .filter(|l| done.contains(&l.id))
        .count();
    let (mut total, mut complete) = (syllabus.lessons.len(), lessons_done);
    if quizzes_count(course, assessments_on) {
        // Only quizzes with questions count: an empty one is still being written.
        let mut course_quizzes = Vec::new();
        for q in quizzes::list_for_course(tx, course.id).await? {
            if !quizzes::questions(tx, q.id).await?.is_empty() {
                course_quizzes.push(q);
            }
        }
        let passed: HashSet<Uuid> = quizzes::attempts_in_course(tx, course.id, user_id)
            .await?
            .into_iter()
            .filter(|a| a.passed)
            .map(|a| a.quiz_id)
            .collect();
        total += course_quizzes.len();
        complete += course_quizzes
            .iter()
            .filter(|q| passed.contains(&q.id))
            .count();
    }
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let progress = Progress {
        done: to_u32(complete),
        total: to_u32(total),
        complete: total > 0 && complete == total,
    };
    Ok((progress, done))
}

/// Recomputes progress and records (or clears) the course's completion on the enrolment.
pub async fn refresh_completion(
    tx: &TenantTx,
    course: &course::Model,
    user_id: Uuid,
    assessments_on: bool,
) -> Result<Progress, AppError> {
    let syllabus = Syllabus::load(tx, course.id).await?;
    let (progress, _) = self::progress(tx, course, &syllabus, user_id, assessments_on).await?;
    enrollments::set_completed(tx, course.id, user_id, progress.complete).await?;
    Ok(progress)
}

/// Where "continue" should lead: the last lesson opened unless it is done, else the first lesson
/// not done, else the last one opened.
pub async fn resume_point(
    tx: &TenantTx,
    course_id: Uuid,
    syllabus: &Syllabus,
    user_id: Uuid,
    done: &HashSet<Uuid>,
) -> Result<Option<LessonRef>, AppError> {
    let last = enrollments::last_viewed(tx, course_id, user_id).await?;
    let last = last.and_then(|id| syllabus.lessons.iter().find(|l| l.id == id));
    let first_open = syllabus.lessons.iter().find(|l| !done.contains(&l.id));
    let pick = match (last, first_open) {
        (Some(l), _) if !done.contains(&l.id) => Some(l),
        (_, Some(open)) => Some(open),
        (last, None) => last.or(syllabus.lessons.first()),
    };
    Ok(pick.map(Syllabus::reference))
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
    if enrollments::find(tx, course.id, user_id).await?.is_some() {
        let (progress, done) = progress(tx, course, syllabus, user_id, assessments_on).await?;
        standing.enrolled = true;
        standing.resume = resume_point(tx, course.id, syllabus, user_id, &done).await?;
        standing.completed_lessons = syllabus
            .lessons
            .iter()
            .filter(|l| done.contains(&l.id))
            .map(|l| l.id)
            .collect();
        standing.progress = Some(progress);
    } else {
        standing.pending_order = orders::pending_for(tx, user_id, course.id)
            .await?
            .map(|o| o.id);
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
