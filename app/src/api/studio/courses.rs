//! Creating, editing, publishing, duplicating and deleting courses.

// `save_course` takes one argument per field of the settings form (that is how a form's fields
// arrive, with or without JavaScript), and the code `#[server]` generates from it does not carry
// an attribute on the function, hence the module-wide allow.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::studio::{StudioCourse, StudioCourseRow};
use leptos::server;

#[cfg(feature = "ssr")]
pub(crate) use imp::conflict;

#[cfg(feature = "ssr")]
mod imp {
    use super::super::guard;
    use crate::data::TenantTx;

    use crate::data::repos::{Saved, audit, courses, enrollments, lessons, modules, quizzes};
    use crate::error::AppError;
    use crate::model::studio::{
        FieldError, StudioCourse, StudioCourseRow, StudioLessonRow, StudioModule, StudioQuizRow,
    };
    use crate::model::{AccessLevel, CourseSlug};
    use crate::request::TenantScope;

    fn count(n: impl TryInto<u32>) -> u32 {
        n.try_into().unwrap_or(u32::MAX)
    }

    /// "49", "49.5" or "49.00" dollars to cents; `None` when it is not a price.
    pub fn parse_price(raw: &str) -> Option<i32> {
        let raw = raw.trim().trim_start_matches('$');
        if raw.is_empty() {
            return Some(0);
        }
        let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
        let total = whole
            .parse::<i64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(cents)?;
        (total <= 10_000_000)
            .then(|| i32::try_from(total).ok())
            .flatten()
    }

    pub struct Draft {
        pub title: String,
        pub slug: String,
        pub summary: String,
        pub access: String,
    }

    /// Checks the common course fields; slugs must be unique in the tenant.
    async fn check(
        tx: &TenantTx,
        raw: Draft,
        except: Option<uuid::Uuid>,
        errors: &mut Vec<FieldError>,
    ) -> Result<Draft, AppError> {
        let title = guard::text(errors, "title", &raw.title, 200, true, "a title");
        let summary = guard::text(errors, "summary", &raw.summary, 2000, false, "the summary");
        let slug = raw.slug.trim().to_owned();
        match CourseSlug::parse(&slug) {
            Err(e) => errors.push(FieldError::new("slug", e.to_string())),
            Ok(s) if courses::slug_taken(tx, s.as_str(), except).await? => {
                errors.push(FieldError::new(
                    "slug",
                    format!("Another course already uses “{slug}”. Try “{slug}-2”."),
                ))
            }
            Ok(_) => {}
        }
        if AccessLevel::parse(&raw.access).is_none() {
            errors.push(FieldError::new("access", "Choose who can see the course."));
        }
        Ok(Draft {
            title,
            slug,
            summary,
            access: raw.access,
        })
    }

    pub async fn list(scope: &TenantScope) -> Result<Vec<StudioCourseRow>, AppError> {
        let tx = scope.begin().await?;
        guard::staff(scope)?;
        let rows = courses::list_for_studio(&tx).await?;
        tx.commit().await?;
        let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(rows
            .into_iter()
            .map(|row| StudioCourseRow {
                learners: count(row.learner_count),
                lessons: count(row.lesson_count),
                id: row.course.id,
                published: row.course.status == "published",
                access: AccessLevel::parse(&row.course.access_level)
                    .unwrap_or(AccessLevel::Members),
                title: row.course.title,
                slug: row.course.slug,
            })
            .collect())
    }

    pub async fn create(scope: &TenantScope, draft: Draft) -> Result<String, AppError> {
        let tx = scope.begin().await?;
        let me = guard::staff(scope)?;
        let mut errors = Vec::new();
        let d = check(&tx, draft, None, &mut errors).await?;
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let course = courses::create(
            &tx,
            courses::NewCourse {
                slug: &d.slug,
                title: &d.title,
                summary: &d.summary,
                access_level: &d.access,
                price_cents: 0,
            },
        )
        .await?;
        crate::domain::quotas::within_courses(scope, &tx).await?;
        modules::create(&tx, course.id, "Module 1", 0).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "course.created",
            &course.slug,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(scope.href(&format!("/studio/courses/{}", course.id)))
    }

    pub async fn load(scope: &TenantScope, raw_id: &str) -> Result<StudioCourse, AppError> {
        let tx = scope.begin().await?;
        guard::staff(scope)?;
        let c = guard::course(&tx, raw_id).await?;
        let module_rows = modules::list_for_course(&tx, c.id).await?;
        let lesson_rows = lessons::list_for_course(&tx, c.id).await?;
        let mut quiz_rows = Vec::new();
        for q in quizzes::list_for_course(&tx, c.id).await? {
            let questions = count(quizzes::questions(&tx, q.id).await?.len());
            quiz_rows.push(StudioQuizRow {
                id: q.id,
                title: q.title,
                questions,
                passing_score: q.passing_score,
            });
        }
        let learners = count(enrollments::count_for_course(&tx, c.id).await?);
        let levels = crate::data::repos::levels::names(&tx).await?;
        tx.commit().await?;
        let features = scope.tenant().features();
        Ok(StudioCourse {
            required_level: c.required_level_id.map(|id| id.to_string()),
            levels: levels
                .into_iter()
                .map(|(id, name)| crate::model::levels::LevelChoice {
                    id: id.to_string(),
                    name,
                })
                .collect(),
            modules: module_rows
                .into_iter()
                .map(|m| StudioModule {
                    lessons: lesson_rows
                        .iter()
                        .filter(|l| l.module_id == m.id)
                        .map(|l| StudioLessonRow {
                            id: l.id,
                            title: l.title.clone(),
                            published: l.published,
                        })
                        .collect(),
                    id: m.id,
                    title: m.title,
                })
                .collect(),
            quizzes: quiz_rows,
            learners,
            id: c.id,
            version: c.version,
            access: AccessLevel::parse(&c.access_level).unwrap_or(AccessLevel::Members),
            price_cents: c.price_cents,
            quiz_required: c.quiz_required,
            certificate_min_score: c.certificate_min_score,
            published: c.status == "published",
            cover: c.cover_image.map(|f| format!("/media/{f}")),
            title: c.title,
            slug: c.slug,
            summary: c.summary,
            selling: features.ecommerce,
            assessments: features.assessments,
        })
    }

    pub struct Settings {
        pub draft: Draft,
        pub version: i32,
        pub price: Option<String>,
        pub quiz_required: bool,
        /// `None`: keep the stored level; `""`: none; otherwise one of the tenant's levels.
        pub required_level: Option<String>,
        /// `None`: keep the stored minimum; `""`: none; otherwise a score from 0 to 100.
        pub certificate_min_score: Option<String>,
    }

    pub async fn save(scope: &TenantScope, raw_id: &str, s: Settings) -> Result<i32, AppError> {
        let tx = scope.begin().await?;
        let me = guard::staff(scope)?;
        let c = guard::course(&tx, raw_id).await?;
        let mut errors = Vec::new();
        let d = check(&tx, s.draft, Some(c.id), &mut errors).await?;
        let features = scope.tenant().features();
        // Prices are only edited where the tenant sells; elsewhere the stored price stays.
        let price = match (&s.price, features.ecommerce) {
            (Some(raw), true) => parse_price(raw).unwrap_or_else(|| {
                errors.push(FieldError::new(
                    "price",
                    "Enter a price like 49 or 49.99 (up to 100000).",
                ));
                c.price_cents
            }),
            _ => c.price_cents,
        };
        let quiz_required = if features.assessments {
            s.quiz_required
        } else {
            c.quiz_required
        };
        let required_level = match s.required_level.as_deref().map(str::trim) {
            None => c.required_level_id,
            Some("") => None,
            Some(raw) => match uuid::Uuid::parse_str(raw) {
                Ok(id) if crate::data::repos::levels::exists(&tx, id).await? => Some(id),
                _ => {
                    errors.push(FieldError::new(
                        "required_level",
                        "Choose one of the levels.",
                    ));
                    c.required_level_id
                }
            },
        };
        let certificate_min_score = match s.certificate_min_score.as_deref().map(str::trim) {
            None => c.certificate_min_score,
            Some("") => None,
            Some(raw) => match raw.parse::<i32>() {
                Ok(score) if (0..=100).contains(&score) => Some(score),
                _ => {
                    errors.push(FieldError::new(
                        "certificate_min_score",
                        "Enter a score from 0 to 100, or leave it empty for none.",
                    ));
                    c.certificate_min_score
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let settings = courses::CourseSettings {
            title: &d.title,
            slug: &d.slug,
            summary: &d.summary,
            access_level: &d.access,
            price_cents: price,
            quiz_required,
            required_level,
            certificate_min_score,
        };
        let version = match courses::save_settings(&tx, c.id, s.version, settings).await? {
            Saved::Done(v) => v,
            Saved::Conflict => return Err(conflict()),
            Saved::Missing => return Err(AppError::NotFound),
        };
        audit::record(
            &tx,
            Some(me.user_id),
            "course.updated",
            &d.slug,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    pub fn conflict() -> AppError {
        AppError::Conflict(
            "Someone else saved changes after you opened this page. Your edits are still in the \
             form; reload to see theirs, then apply yours again."
                .into(),
        )
    }

    pub async fn publish(scope: &TenantScope, raw_id: &str, publish: bool) -> Result<(), AppError> {
        let tx = scope.begin().await?;
        let me = guard::staff(scope)?;
        let c = guard::course(&tx, raw_id).await?;
        courses::set_published(&tx, c.id, publish).await?;
        let action = if publish {
            "course.published"
        } else {
            "course.unpublished"
        };
        audit::record(
            &tx,
            Some(me.user_id),
            action,
            &c.slug,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn delete(
        scope: &TenantScope,
        raw_id: &str,
        confirmed: bool,
    ) -> Result<String, AppError> {
        let tx = scope.begin().await?;
        let me = guard::staff(scope)?;
        let c = guard::course(&tx, raw_id).await?;
        let learners = count(enrollments::count_for_course(&tx, c.id).await?);
        if learners > 0 && !confirmed {
            return Err(AppError::NeedsConfirmation { learners });
        }
        courses::delete(&tx, c.id).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "course.deleted",
            &c.slug,
            serde_json::json!({ "learners": learners }),
        )
        .await?;
        tx.commit().await?;
        Ok(scope.href("/studio"))
    }
}

/// Every course of this tenant, drafts included, for the studio's list.
#[server]
pub async fn studio_courses() -> Result<Vec<StudioCourseRow>, AppError> {
    crate::request::serve(async |scope| imp::list(scope).await).await
}

/// Creates a draft course with one empty module; returns its editor.
#[server]
pub async fn create_course(
    title: String,
    slug: String,
    summary: String,
    access: String,
) -> Result<String, AppError> {
    let draft = imp::Draft {
        title,
        slug,
        summary,
        access,
    };
    crate::request::serve(async |scope| imp::create(scope, draft).await).await
}

#[server]
pub async fn course_for_editing(id: String) -> Result<StudioCourse, AppError> {
    crate::request::serve(async |scope| imp::load(scope, &id).await).await
}

/// Saves course settings if nobody saved since `version`; returns the new version.
#[server]
pub async fn save_course(
    id: String,
    version: i32,
    title: String,
    slug: String,
    summary: String,
    access: String,
    price: Option<String>,
    quiz_required: Option<String>,
    required_level: Option<String>,
    certificate_min_score: Option<String>,
) -> Result<i32, AppError> {
    let settings = imp::Settings {
        draft: imp::Draft {
            title,
            slug,
            summary,
            access,
        },
        version,
        price,
        quiz_required: quiz_required.is_some(),
        required_level,
        certificate_min_score,
    };
    crate::request::serve(async |scope| imp::save(scope, &id, settings).await).await
}

/// Publishes (`publish=true`) or unpublishes a course. Enrolments and progress are kept.
#[server]
pub async fn publish_course(id: String, publish: bool) -> Result<(), AppError> {
    crate::request::serve(async |scope| imp::publish(scope, &id, publish).await).await
}

/// Deletes a course; with enrolments it needs `confirm`.
#[server]
pub async fn delete_course(id: String, confirm: Option<String>) -> Result<String, AppError> {
    crate::request::serve(async |scope| imp::delete(scope, &id, confirm.is_some()).await).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn prices_parse_in_dollars() {
        use super::imp::parse_price;
        assert_eq!(parse_price("49"), Some(4900));
        assert_eq!(parse_price("$49.5"), Some(4950));
        assert_eq!(parse_price("0.99"), Some(99));
        assert_eq!(parse_price(""), Some(0));
        for bad in ["-1", "4.999", "abc", "1e3", "100000.01", ".5"] {
            assert_eq!(parse_price(bad), None, "{bad}");
        }
    }
}
