//! Who is taking a course and how far they are, for its instructors (also as CSV).

use crate::error::AppError;
use crate::model::studio::CourseInsight;
use leptos::server;

#[cfg(feature = "ssr")]
pub mod imp {
    use super::super::guard;
    use crate::data::repos::{enrollments, quizzes, users};
    use crate::error::AppError;
    use crate::learning::{self, Syllabus};
    use crate::model::studio::{CourseInsight, LearnerRow};
    use crate::request::TenantScope;

    /// The insight table for a course; staff only.
    pub async fn build(scope: &TenantScope, raw_course: &str) -> Result<CourseInsight, AppError> {
        let tx = scope.begin().await?;
        guard::staff(scope)?;
        let course = guard::course(&tx, raw_course).await?;
        let syllabus = Syllabus::load(&tx, course.id).await?;
        let quiz_list = quizzes::list_for_course(&tx, course.id).await?;
        let assessments = scope.tenant().features().assessments;
        let enrolled = enrollments::list_for_course(&tx, course.id).await?;
        let people = users::names(&tx, enrolled.iter().map(|e| e.user_id)).await?;
        let mut learners = Vec::new();
        for e in enrolled {
            let Some(person) = people.get(&e.user_id).cloned() else {
                continue;
            };
            let (progress, _) =
                learning::progress(&tx, &course, &syllabus, e.user_id, assessments).await?;
            let attempts = quizzes::attempts_in_course(&tx, course.id, e.user_id).await?;
            learners.push(LearnerRow {
                name: person.display_name,
                email: person.email,
                enrolled_at: e.enrolled_at.to_rfc3339(),
                percent: progress.percent(),
                completed: e.completed_at.is_some(),
                last_activity: enrollments::last_activity(&tx, course.id, e.user_id)
                    .await?
                    .map(|t| t.to_rfc3339()),
                quiz_scores: quiz_list
                    .iter()
                    .map(|q| {
                        attempts
                            .iter()
                            .filter(|a| a.quiz_id == q.id)
                            .map(|a| a.score)
                            .max()
                    })
                    .collect(),
            });
        }
        tx.commit().await?;
        Ok(CourseInsight {
            course_id: course.id,
            course_title: course.title,
            quiz_titles: quiz_list.into_iter().map(|q| q.title).collect(),
            learners,
        })
    }
}

/// Enrolled learners with progress, last activity and quiz results.
#[server]
pub async fn learner_insight(course_id: String) -> Result<CourseInsight, AppError> {
    use crate::request::{TenantScope, respond};
    let scope = TenantScope::current()?;
    respond(imp::build(&scope, &course_id).await)
}
