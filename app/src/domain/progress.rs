//! How far learners are through courses, and where each should continue.

use super::Syllabus;
use crate::data::TenantTx;
use crate::data::entities::{course, quiz_attempt};
use crate::data::repos::{enrollments, quizzes};
use crate::error::AppError;
use crate::model::learning::{LessonRef, Progress};
use chrono::{DateTime, FixedOffset};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

type Key = (Uuid, Uuid);

/// What some learners have done in some courses: completed lessons, quiz attempts and the lesson
/// each opened last. Three queries, however many courses and learners.
#[derive(Default)]
pub struct Records {
    completed: HashMap<Key, HashSet<Uuid>>,
    attempts: HashMap<Key, Vec<quiz_attempt::Model>>,
    last_views: HashMap<Key, (Uuid, DateTime<FixedOffset>)>,
}

impl Records {
    pub async fn load(
        tx: &TenantTx,
        course_ids: &[Uuid],
        user_ids: &[Uuid],
    ) -> Result<Self, AppError> {
        if course_ids.is_empty() || user_ids.is_empty() {
            return Ok(Self::default());
        }
        let mut records = Self::default();
        for (course, user, lesson) in
            enrollments::completed_lessons_for(tx, course_ids, user_ids).await?
        {
            records
                .completed
                .entry((course, user))
                .or_default()
                .insert(lesson);
        }
        for attempt in quizzes::attempts_for(tx, course_ids, user_ids).await? {
            records
                .attempts
                .entry((attempt.course_id, attempt.user_id))
                .or_default()
                .push(attempt);
        }
        for (course, user, lesson, at) in
            enrollments::last_views_for(tx, course_ids, user_ids).await?
        {
            records.last_views.insert((course, user), (lesson, at));
        }
        Ok(records)
    }

    /// The lessons of `course` that `user` has completed.
    pub fn completed(&self, course: Uuid, user: Uuid) -> HashSet<Uuid> {
        self.completed
            .get(&(course, user))
            .cloned()
            .unwrap_or_default()
    }

    /// `user`'s attempts at the quizzes of `course`, newest first.
    pub fn attempts(&self, course: Uuid, user: Uuid) -> &[quiz_attempt::Model] {
        self.attempts
            .get(&(course, user))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The lesson of `course` that `user` opened last, and when.
    pub fn last_view(&self, course: Uuid, user: Uuid) -> Option<(Uuid, DateTime<FixedOffset>)> {
        self.last_views.get(&(course, user)).copied()
    }
}

/// The quizzes that count toward completing each course: those with questions. One query.
pub async fn countable_quizzes(
    tx: &TenantTx,
    course_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Uuid>>, AppError> {
    let mut out: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    if course_ids.is_empty() {
        return Ok(out);
    }
    for listed in quizzes::with_questions_for_courses(tx, course_ids).await? {
        out.entry(listed.quiz.course_id)
            .or_default()
            .push(listed.quiz.id);
    }
    Ok(out)
}

/// Progress of one learner through one course: lessons, plus quizzes when they count (the
/// course says so and the tenant has assessments on). Also returns the completed lessons.
pub fn progress(
    course: &course::Model,
    syllabus: &Syllabus,
    countable: &[Uuid],
    records: &Records,
    user: Uuid,
    assessments_on: bool,
) -> (Progress, HashSet<Uuid>) {
    let done = records.completed(course.id, user);
    let lessons_done = syllabus
        .lessons
        .iter()
        .filter(|l| done.contains(&l.id))
        .count();
    let (mut total, mut complete) = (syllabus.lessons.len(), lessons_done);
    if super::quizzes_count(course, assessments_on) {
        let passed: HashSet<Uuid> = records
            .attempts(course.id, user)
            .iter()
            .filter(|a| a.passed)
            .map(|a| a.quiz_id)
            .collect();
        total += countable.len();
        complete += countable.iter().filter(|q| passed.contains(q)).count();
    }
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let progress = Progress {
        done: to_u32(complete),
        total: to_u32(total),
        complete: total > 0 && complete == total,
    };
    (progress, done)
}

/// Where "continue" should lead: the last lesson opened unless it is done, else the first lesson
/// not done, else the last one opened.
pub fn resume_point(
    syllabus: &Syllabus,
    last_viewed: Option<Uuid>,
    done: &HashSet<Uuid>,
) -> Option<LessonRef> {
    let last = last_viewed.and_then(|id| syllabus.lessons.iter().find(|l| l.id == id));
    let first_open = syllabus.lessons.iter().find(|l| !done.contains(&l.id));
    let pick = match (last, first_open) {
        (Some(l), _) if !done.contains(&l.id) => Some(l),
        (_, Some(open)) => Some(open),
        (last, None) => last.or(syllabus.lessons.first()),
    };
    pick.map(Syllabus::reference)
}

/// One learner in one course: syllabus, countable quizzes and records, loaded together.
pub struct Learner {
    pub syllabus: Syllabus,
    pub countable: Vec<Uuid>,
    pub records: Records,
}

impl Learner {
    pub async fn load(tx: &TenantTx, course_id: Uuid, user: Uuid) -> Result<Self, AppError> {
        Ok(Self {
            syllabus: Syllabus::load(tx, course_id).await?,
            countable: countable_quizzes(tx, &[course_id])
                .await?
                .remove(&course_id)
                .unwrap_or_default(),
            records: Records::load(tx, &[course_id], &[user]).await?,
        })
    }
}

/// Recomputes progress, records (or clears) the course's completion on the enrolment, and
/// issues the learner's certificate when they have earned it.
pub async fn refresh_completion(
    tx: &TenantTx,
    course: &course::Model,
    user_id: Uuid,
    assessments_on: bool,
) -> Result<Progress, AppError> {
    let l = Learner::load(tx, course.id, user_id).await?;
    let (progress, _) = progress(
        course,
        &l.syllabus,
        &l.countable,
        &l.records,
        user_id,
        assessments_on,
    );
    enrollments::set_completed(tx, course.id, user_id, progress.complete).await?;
    if super::certificates::earned(
        course,
        &l.countable,
        &l.records,
        user_id,
        progress.complete,
        assessments_on,
    ) {
        super::certificates::issue(tx, course, user_id).await?;
    }
    Ok(progress)
}
