//! Duplicating a course: modules, lessons and quizzes copied into a new draft.

use crate::error::AppError;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use super::super::guard;
    use crate::data::TenantTx;
    use crate::data::entities::course;
    use crate::data::repos::{audit, courses, lessons, modules, quizzes};
    use crate::error::AppError;
    use crate::request::TenantScope;

    /// A free slug like `slug-copy`, `slug-copy-2`…
    async fn free_slug(tx: &TenantTx, base: &str) -> Result<String, AppError> {
        let stem: String = base.chars().take(70).collect();
        let stem = stem.trim_end_matches('-');
        for n in 1..1000 {
            let candidate = if n == 1 {
                format!("{stem}-copy")
            } else {
                format!("{stem}-copy-{n}")
            };
            if !courses::slug_taken(tx, &candidate, None).await? {
                return Ok(candidate);
            }
        }
        Err(AppError::internal("no free slug for a duplicate"))
    }

    /// Copies a course with its modules, lessons and quizzes as a new draft.
    pub async fn duplicate(scope: &TenantScope, raw_id: &str) -> Result<String, AppError> {
        let tx = scope.begin().await?;
        let me = guard::staff(scope)?;
        let c: course::Model = guard::course(&tx, raw_id).await?;
        let slug = free_slug(&tx, &c.slug).await?;
        let title = format!("Copy of {}", c.title);
        let title: String = title.chars().take(200).collect();
        let copy = courses::create(
            &tx,
            courses::NewCourse {
                slug: &slug,
                title: &title,
                summary: &c.summary,
                access_level: &c.access_level,
                price_cents: c.price_cents,
            },
        )
        .await?;
        crate::domain::quotas::within_courses(scope, &tx).await?;
        let settings = courses::CourseChanges {
            quiz_required: Some(c.quiz_required),
            certificate_min_score: Some(c.certificate_min_score),
            ..Default::default()
        };
        courses::update(&tx, copy.id, settings).await?;
        courses::set_cover(&tx, copy.id, c.cover_image.as_deref()).await?;
        for m in modules::list_for_course(&tx, c.id).await? {
            let new_module = modules::create(&tx, copy.id, &m.title, m.position).await?;
            for l in lessons::list_for_module(&tx, m.id).await? {
                lessons::create(
                    &tx,
                    lessons::NewLesson {
                        course_id: copy.id,
                        module_id: new_module.id,
                        title: &l.title,
                        body_markdown: &l.body_markdown,
                        position: l.position,
                        published: l.published,
                    },
                )
                .await?;
            }
        }
        for q in quizzes::list_for_course(&tx, c.id).await? {
            let new_quiz = quizzes::create(&tx, copy.id, &q.title, q.passing_score).await?;
            for (question, options) in quizzes::questions(&tx, q.id).await? {
                let opts: Vec<(&str, bool)> = options
                    .iter()
                    .map(|o| (o.label.as_str(), o.is_correct))
                    .collect();
                quizzes::add_question(
                    &tx,
                    new_quiz.id,
                    &question.prompt,
                    question.multiple,
                    question.position,
                    &opts,
                )
                .await?;
            }
        }
        audit::record(
            &tx,
            Some(me.user_id),
            "course.duplicated",
            &slug,
            serde_json::json!({ "from": c.slug }),
        )
        .await?;
        tx.commit().await?;
        Ok(scope.href(&format!("/studio/courses/{}", copy.id)))
    }
}

/// Copies a course (modules, lessons, quizzes) as a new draft; returns the copy's editor.
#[server]
pub async fn duplicate_course(id: String) -> Result<String, AppError> {
    crate::request::serve(async |scope| imp::duplicate(scope, &id).await).await
}
