//! The learner-facing course catalog.

use crate::error::AppError;
use crate::model::{CourseDetail, CourseSummary};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::TenantTx;
    use crate::data::entities::course;
    use crate::data::repos::{courses, lessons, modules};
    use crate::error::AppError;
    use crate::model::{
        AccessLevel, CourseDetail, CourseSlug, CourseSummary, Feature, LessonOutline, ModuleOutline,
    };
    use crate::request::TenantScope;

    pub async fn summaries(
        scope: &TenantScope,
        tx: &TenantTx,
        rows: Vec<course::Model>,
    ) -> Result<Vec<CourseSummary>, AppError> {
        let ids: Vec<_> = rows.iter().map(|c| c.id).collect();
        let counts = lessons::count_by_course(tx, &ids).await?;
        let selling = scope.tenant().features().has(Feature::Ecommerce);
        Ok(rows
            .into_iter()
            .map(|c| {
                let lesson_count = counts.get(&c.id).copied().unwrap_or(0);
                summary(c, lesson_count, selling)
            })
            .collect())
    }

    fn summary(c: course::Model, lesson_count: u32, selling: bool) -> CourseSummary {
        CourseSummary {
            access: AccessLevel::parse(&c.access_level).unwrap_or(AccessLevel::Members),
            price_cents: (selling && c.price_cents > 0).then_some(c.price_cents),
            slug: c.slug,
            title: c.title,
            summary: c.summary,
            lesson_count,
        }
    }

    pub async fn visible_courses(limit: Option<u64>) -> Result<Vec<CourseSummary>, AppError> {
        let scope = TenantScope::current()?;
        scope.require(Feature::Courses)?;
        let tx = scope.begin().await?;
        let rows = courses::list_visible(&tx, scope.audience(), limit).await?;
        let out = summaries(&scope, &tx, rows).await?;
        tx.commit().await?;
        Ok(out)
    }

    pub async fn outline(slug: &str) -> Result<CourseDetail, AppError> {
        let scope = TenantScope::current()?;
        scope.require(Feature::Courses)?;
        let slug = CourseSlug::parse(slug).map_err(|_| AppError::NotFound)?;
        let tx = scope.begin().await?;
        let course = courses::find_visible_by_slug(&tx, scope.audience(), slug.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        let module_rows = modules::list_for_course(&tx, course.id).await?;
        let lesson_rows = lessons::list_for_course(&tx, course.id).await?;
        tx.commit().await?;

        let modules: Vec<ModuleOutline> = module_rows
            .into_iter()
            .map(|m| ModuleOutline {
                lessons: lesson_rows
                    .iter()
                    .filter(|l| l.module_id == m.id)
                    .map(|l| LessonOutline {
                        id: l.id,
                        title: l.title.clone(),
                    })
                    .collect(),
                title: m.title,
            })
            .collect();
        let lesson_count = u32::try_from(lesson_rows.len()).unwrap_or(u32::MAX);
        let selling = scope.tenant().features().has(Feature::Ecommerce);
        Ok(CourseDetail {
            course: summary(course, lesson_count, selling),
            modules,
        })
    }

    pub async fn priced_courses() -> Result<Vec<CourseSummary>, AppError> {
        let scope = TenantScope::current()?;
        scope.require(Feature::Ecommerce)?;
        scope.require(Feature::Courses)?;
        let tx = scope.begin().await?;
        let rows = courses::list_visible(&tx, scope.audience(), None).await?;
        let priced = rows.into_iter().filter(|c| c.price_cents > 0).collect();
        let out = summaries(&scope, &tx, priced).await?;
        tx.commit().await?;
        Ok(out)
    }
}

/// The newest published courses for the home page.
#[server]
pub async fn latest_courses() -> Result<Vec<CourseSummary>, AppError> {
    crate::request::respond(imp::visible_courses(Some(3)).await)
}

/// Every published course the visitor may see.
#[server]
pub async fn list_courses() -> Result<Vec<CourseSummary>, AppError> {
    crate::request::respond(imp::visible_courses(None).await)
}

/// A course with its modules and lessons, by slug.
#[server]
pub async fn course_outline(slug: String) -> Result<CourseDetail, AppError> {
    crate::request::respond(imp::outline(&slug).await)
}

/// Published courses with a price, for the shop.
#[server]
pub async fn shop_courses() -> Result<Vec<CourseSummary>, AppError> {
    crate::request::respond(imp::priced_courses().await)
}
