//! Modules and lessons: add, rename, delete, reorder, publish, and the lesson editor.

use crate::error::AppError;
use crate::model::studio::LessonDraft;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use super::super::courses_conflict as conflict;
    use super::super::guard;
    use crate::data::TenantTx;
    use crate::data::entities::{course, lesson, module};
    use crate::data::repos::{Saved, lessons, modules};
    use crate::error::AppError;
    use crate::model::markdown;
    use crate::model::studio::{FieldError, LessonDraft};
    use crate::request::TenantScope;
    use uuid::Uuid;

    async fn module_of(
        tx: &TenantTx,
        course: &course::Model,
        raw: &str,
    ) -> Result<module::Model, AppError> {
        modules::find(tx, guard::id(raw)?)
            .await?
            .filter(|m| m.course_id == course.id)
            .ok_or(AppError::NotFound)
    }

    async fn lesson_of(
        tx: &TenantTx,
        course: &course::Model,
        raw: &str,
    ) -> Result<lesson::Model, AppError> {
        lessons::find(tx, guard::id(raw)?)
            .await?
            .filter(|l| l.course_id == course.id)
            .ok_or(AppError::NotFound)
    }

    fn title(raw: &str) -> Result<String, AppError> {
        let mut errors = Vec::new();
        let t = guard::text(&mut errors, "title", raw, 200, true, "a title");
        if errors.is_empty() {
            Ok(t)
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    /// `ids` with `id` moved one place up or down (unchanged at the ends).
    pub fn moved(mut ids: Vec<Uuid>, id: Uuid, direction: &str) -> Result<Vec<Uuid>, AppError> {
        let at = ids
            .iter()
            .position(|x| *x == id)
            .ok_or(AppError::NotFound)?;
        match direction {
            "up" if at > 0 => ids.swap(at, at - 1),
            "down" if at + 1 < ids.len() => ids.swap(at, at + 1),
            "up" | "down" => {}
            _ => return Err(AppError::BadRequest("Move up or down.".into())),
        }
        Ok(ids)
    }

    pub use super::super::guard::with_course;

    pub async fn add_module(
        tx: &TenantTx,
        c: &course::Model,
        raw_title: &str,
    ) -> Result<(), AppError> {
        let t = title(raw_title)?;
        let next = modules::list_for_course(tx, c.id).await?.len();
        modules::create(tx, c.id, &t, i32::try_from(next).unwrap_or(i32::MAX)).await?;
        Ok(())
    }

    pub async fn rename_module(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        raw_title: &str,
    ) -> Result<(), AppError> {
        let m = module_of(tx, c, raw).await?;
        modules::rename(tx, m.id, &title(raw_title)?).await?;
        Ok(())
    }

    pub async fn delete_module(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
    ) -> Result<(), AppError> {
        let m = module_of(tx, c, raw).await?;
        modules::delete(tx, m.id).await?;
        Ok(())
    }

    pub async fn move_module(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        direction: &str,
    ) -> Result<(), AppError> {
        let m = module_of(tx, c, raw).await?;
        let ids = modules::list_for_course(tx, c.id)
            .await?
            .into_iter()
            .map(|x| x.id)
            .collect();
        modules::set_order(tx, &moved(ids, m.id, direction)?).await?;
        Ok(())
    }

    pub async fn add_lesson(
        scope: &TenantScope,
        tx: &TenantTx,
        c: &course::Model,
        raw_module: &str,
        raw_title: &str,
    ) -> Result<String, AppError> {
        let m = module_of(tx, c, raw_module).await?;
        let t = title(raw_title)?;
        let next = lessons::list_for_module(tx, m.id).await?.len();
        let new = lessons::NewLesson {
            course_id: c.id,
            module_id: m.id,
            title: &t,
            body_markdown: "",
            position: i32::try_from(next).unwrap_or(i32::MAX),
            // New lessons start as drafts: learners see them once published.
            published: false,
        };
        let l = lessons::create(tx, new).await?;
        Ok(scope.href(&format!("/studio/courses/{}/lessons/{}", c.id, l.id)))
    }

    pub async fn delete_lesson(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
    ) -> Result<(), AppError> {
        let l = lesson_of(tx, c, raw).await?;
        lessons::delete(tx, l.id).await?;
        Ok(())
    }

    pub async fn move_lesson(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        direction: &str,
    ) -> Result<(), AppError> {
        let l = lesson_of(tx, c, raw).await?;
        let ids = lessons::list_for_module(tx, l.module_id)
            .await?
            .into_iter()
            .map(|x| x.id)
            .collect();
        lessons::set_order(tx, &moved(ids, l.id, direction)?).await?;
        Ok(())
    }

    pub async fn publish_lesson(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        publish: bool,
    ) -> Result<(), AppError> {
        let l = lesson_of(tx, c, raw).await?;
        lessons::set_published(tx, l.id, publish).await?;
        Ok(())
    }

    pub async fn draft(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
    ) -> Result<LessonDraft, AppError> {
        let l = lesson_of(tx, c, raw).await?;
        let module_title = modules::find(tx, l.module_id)
            .await?
            .map(|m| m.title)
            .unwrap_or_default();
        Ok(LessonDraft {
            id: l.id,
            course_id: c.id,
            course_title: c.title.clone(),
            module_title,
            title: l.title,
            html: markdown::render(&l.body_markdown),
            body: l.body_markdown,
            version: l.version,
            published: l.published,
        })
    }

    pub async fn save(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        version: i32,
        raw_title: &str,
        body: &str,
    ) -> Result<i32, AppError> {
        let l = lesson_of(tx, c, raw).await?;
        let mut errors = Vec::new();
        let t = guard::text(&mut errors, "title", raw_title, 200, true, "a title");
        if body.chars().count() > 200_000 {
            errors.push(FieldError::new(
                "body",
                "This lesson is too long. Split it into two.",
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        match lessons::save(tx, l.id, version, &t, body).await? {
            Saved::Done(v) => Ok(v),
            Saved::Conflict => Err(conflict()),
            Saved::Missing => Err(AppError::NotFound),
        }
    }
}

#[server]
pub async fn add_module(course_id: String, title: String) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::add_module(tx, c, &title).await
        })
        .await
    })
    .await
}

#[server]
pub async fn rename_module(
    course_id: String,
    module_id: String,
    title: String,
) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::rename_module(tx, c, &module_id, &title).await
        })
        .await
    })
    .await
}

/// Deletes a module with its lessons.
#[server]
pub async fn delete_module(course_id: String, module_id: String) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::delete_module(tx, c, &module_id).await
        })
        .await
    })
    .await
}

/// Moves a module one place `up` or `down`.
#[server]
pub async fn move_module(
    course_id: String,
    module_id: String,
    direction: String,
) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::move_module(tx, c, &module_id, &direction).await
        })
        .await
    })
    .await
}

/// Adds a draft lesson at the end of a module; returns its editor.
#[server]
pub async fn add_lesson(
    course_id: String,
    module_id: String,
    title: String,
) -> Result<String, AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::add_lesson(scope, tx, c, &module_id, &title).await
        })
        .await
    })
    .await
}

#[server]
pub async fn delete_lesson(course_id: String, lesson_id: String) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::delete_lesson(tx, c, &lesson_id).await
        })
        .await
    })
    .await
}

/// Moves a lesson one place `up` or `down` within its module.
#[server]
pub async fn move_lesson(
    course_id: String,
    lesson_id: String,
    direction: String,
) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::move_lesson(tx, c, &lesson_id, &direction).await
        })
        .await
    })
    .await
}

#[server]
pub async fn publish_lesson(
    course_id: String,
    lesson_id: String,
    publish: bool,
) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::publish_lesson(tx, c, &lesson_id, publish).await
        })
        .await
    })
    .await
}

/// A lesson as the editor needs it, with its version for conflict detection.
#[server]
pub async fn lesson_for_editing(
    course_id: String,
    lesson_id: String,
) -> Result<LessonDraft, AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::draft(tx, c, &lesson_id).await
        })
        .await
    })
    .await
}

/// Saves a lesson if nobody saved it since `version`; returns the new version.
#[server]
pub async fn save_lesson(
    course_id: String,
    lesson_id: String,
    version: i32,
    title: String,
    body: String,
) -> Result<i32, AppError> {
    crate::request::serve(async |scope| {
        imp::with_course(scope, &course_id, async |tx, c| {
            imp::save(tx, c, &lesson_id, version, &title, &body).await
        })
        .await
    })
    .await
}

/// The lesson editor's live preview: Markdown rendered and sanitised here, by the same code that
/// renders lessons for learners, so the browser never downloads the parser or the sanitiser.
#[server]
pub async fn preview_lesson(body: String) -> Result<String, AppError> {
    crate::request::serve(async |scope| {
        super::guard::staff(scope).map(|_| crate::model::markdown::render(&body))
    })
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use uuid::Uuid;

    #[test]
    fn moving_swaps_neighbours_and_stops_at_the_ends() {
        let [a, b, c] = [Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)];
        let moved = |ids: Vec<Uuid>, id, dir| super::imp::moved(ids, id, dir).ok();
        assert_eq!(moved(vec![a, b, c], b, "up"), Some(vec![b, a, c]));
        assert_eq!(moved(vec![a, b, c], b, "down"), Some(vec![a, c, b]));
        assert_eq!(moved(vec![a, b, c], a, "up"), Some(vec![a, b, c]));
        assert_eq!(moved(vec![a, b, c], c, "down"), Some(vec![a, b, c]));
        assert_eq!(moved(vec![a, b, c], a, "sideways"), None);
    }
}
