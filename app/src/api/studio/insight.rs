//! Who is taking a course and how far they are, for its instructors (also as CSV).

use crate::error::AppError;
use crate::model::studio::CourseInsight;
use leptos::server;

#[cfg(feature = "ssr")]
pub mod imp {
    use super::super::guard;
    use crate::data::repos::{enrollments, quizzes, users};
    use crate::domain::{self, Records, Syllabus};
    use crate::error::AppError;
    use crate::model::studio::{CourseInsight, LearnerRow};
    use crate::request::TenantScope;

    /// The insight table for a course; staff only.
    pub async fn build(scope: &TenantScope, raw_course: &str) -> Result<CourseInsight, AppError> {
        guard::staff(scope)?;
        let tx = scope.begin().await?;
        let course = guard::course(&tx, raw_course).await?;
        // A fixed number of queries, however many learners: no query per row.
        let syllabus = Syllabus::load(&tx, course.id).await?;
        let quiz_list = quizzes::list_for_course(&tx, course.id).await?;
        let countable = domain::countable_quizzes(&tx, &[course.id]).await?;
        let countable = countable
            .get(&course.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let enrolled = enrollments::list_for_course(&tx, course.id).await?;
        let ids: Vec<_> = enrolled.iter().map(|e| e.user_id).collect();
        let people = users::names(&tx, ids.iter().copied()).await?;
        let records = Records::load(&tx, &[course.id], &ids).await?;
        tx.commit().await?;
        let assessments = scope.tenant().features().assessments;
        let mut learners = Vec::new();
        for e in enrolled {
            let Some(person) = people.get(&e.user_id).cloned() else {
                continue;
            };
            let (progress, _) = domain::progress(
                &course,
                &syllabus,
                countable,
                &records,
                e.user_id,
                assessments,
            );
            let attempts = records.attempts(course.id, e.user_id);
            learners.push(LearnerRow {
                name: person.display_name,
                email: person.email,
                enrolled_at: e.enrolled_at.to_rfc3339(),
                percent: progress.percent(),
                completed: e.completed_at.is_some(),
                last_activity: records
                    .last_view(course.id, e.user_id)
                    .map(|(_, at)| at.to_rfc3339()),
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
    crate::request::serve(async |scope| imp::build(scope, &course_id).await).await
}
