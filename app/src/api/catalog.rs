//! The course catalog and course pages, as the viewer may see them.

use crate::error::AppError;
use crate::model::{CourseDetail, CourseSummary};
use leptos::server;

#[cfg(feature = "ssr")]
pub(crate) mod imp {
    use crate::data::entities::course;
    use crate::data::repos::{courses, quizzes};
    use crate::domain::levels::LevelLabels;
    use crate::domain::{self, Syllabus};
    use crate::error::AppError;
    use crate::model::learning::QuizSummary;
    use crate::model::{
        AccessLevel, CourseDetail, CourseSummary, Feature, LessonOutline, ModuleOutline,
    };
    use crate::request::TenantScope;

    pub fn summary(c: course::Model, lesson_count: u32, selling: bool) -> CourseSummary {
        card(courses::Listed::of(c, lesson_count.into()), selling)
    }

    fn card(c: courses::Listed, selling: bool) -> CourseSummary {
        CourseSummary {
            access: AccessLevel::parse(&c.access_level).unwrap_or(AccessLevel::Members),
            price_cents: (selling && c.price_cents > 0).then_some(c.price_cents),
            cover: c.cover_image.map(|f| format!("/media/{f}")),
            slug: c.slug,
            title: c.title,
            summary: c.summary,
            lesson_count: u32::try_from(c.lesson_count).unwrap_or(u32::MAX),
            level: None,
            locked: false,
        }
    }

    fn summaries(
        scope: &TenantScope,
        rows: Vec<courses::Listed>,
        labels: &LevelLabels,
    ) -> Vec<CourseSummary> {
        let selling = scope.tenant().features().has(Feature::Ecommerce);
        rows.into_iter()
            .map(|row| {
                let required = row.required_level_id;
                let mut s = card(row, selling);
                labels.apply(required, &mut s);
                s
            })
            .collect()
    }

    pub async fn visible_courses(
        scope: &TenantScope,
        limit: Option<u64>,
    ) -> Result<Vec<CourseSummary>, AppError> {
        scope.require(Feature::Courses)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let rows = courses::list_visible(&tx, viewer.audience(), limit).await?;
        let labels =
            LevelLabels::load(&tx, viewer, rows.iter().map(|r| r.required_level_id)).await?;
        tx.commit().await?;
        Ok(summaries(scope, rows, &labels))
    }

    pub async fn outline(scope: &TenantScope, slug: &str) -> Result<CourseDetail, AppError> {
        scope.require(Feature::Courses)?;
        let features = scope.tenant().features();
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let course = domain::visible_course(&tx, viewer, slug).await?;
        let syllabus = Syllabus::load(&tx, course.id).await?;
        let labels = LevelLabels::load(&tx, viewer, [course.required_level_id]).await?;
        let standing = domain::standing(
            &tx,
            viewer,
            &course,
            &syllabus,
            features.assessments,
            scope.tenant().signup_open(),
        )
        .await?;
        let mut quiz_list = Vec::new();
        if features.assessments {
            let attempts = match viewer.user_id() {
                Some(user) if standing.enrolled => {
                    quizzes::attempts_in_course(&tx, course.id, user).await?
                }
                _ => Vec::new(),
            };
            // Quizzes without questions are still being written: learners don't see them.
            for listed in quizzes::with_questions_for_courses(&tx, &[course.id]).await? {
                let q = listed.quiz;
                let mine = attempts.iter().filter(|a| a.quiz_id == q.id);
                quiz_list.push(QuizSummary {
                    best_score: mine.clone().map(|a| a.score).max(),
                    passed: mine.clone().any(|a| a.passed),
                    question_count: u32::try_from(listed.question_count).unwrap_or(u32::MAX),
                    id: q.id,
                    title: q.title,
                    passing_score: q.passing_score,
                });
            }
        }
        tx.commit().await?;

        let modules = syllabus
            .modules
            .iter()
            .map(|m| ModuleOutline {
                title: m.title.clone(),
                lessons: syllabus
                    .lessons
                    .iter()
                    .filter(|l| l.module_id == m.id)
                    .map(|l| LessonOutline {
                        id: l.id,
                        title: l.title.clone(),
                    })
                    .collect(),
            })
            // A module whose lessons are all drafts has nothing to show yet.
            .filter(|m: &ModuleOutline| !m.lessons.is_empty())
            .collect();
        let lesson_count = u32::try_from(syllabus.lessons.len()).unwrap_or(u32::MAX);
        let quiz_required = domain::quizzes_count(&course, features.assessments);
        let required = course.required_level_id;
        let mut course = summary(course, lesson_count, features.ecommerce);
        labels.apply(required, &mut course);
        Ok(CourseDetail {
            course,
            modules,
            quizzes: quiz_list,
            quiz_required,
            discussions: features.community,
            standing,
        })
    }

    pub async fn priced_courses(scope: &TenantScope) -> Result<Vec<CourseSummary>, AppError> {
        scope.require(Feature::Ecommerce)?;
        scope.require(Feature::Courses)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let rows = courses::list_visible(&tx, viewer.audience(), None).await?;
        let labels =
            LevelLabels::load(&tx, viewer, rows.iter().map(|r| r.required_level_id)).await?;
        tx.commit().await?;
        let priced = rows.into_iter().filter(|r| r.price_cents > 0);
        Ok(summaries(scope, priced.collect(), &labels))
    }
}

/// The newest published courses for the home page.
#[server]
pub async fn latest_courses() -> Result<Vec<CourseSummary>, AppError> {
    crate::request::serve(async |scope| imp::visible_courses(scope, Some(3)).await).await
}

/// Every published course the visitor may see.
#[server]
pub async fn list_courses() -> Result<Vec<CourseSummary>, AppError> {
    crate::request::serve(async |scope| imp::visible_courses(scope, None).await).await
}

/// A course with its modules, lessons, quizzes and the viewer's standing, by slug.
#[server]
pub async fn course_outline(slug: String) -> Result<CourseDetail, AppError> {
    crate::request::serve(async |scope| imp::outline(scope, &slug).await).await
}

/// Published courses with a price, for the shop.
#[server]
pub async fn shop_courses() -> Result<Vec<CourseSummary>, AppError> {
    crate::request::serve(async |scope| imp::priced_courses(scope).await).await
}
