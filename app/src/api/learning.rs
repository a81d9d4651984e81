//! Enrolling, reading lessons, marking them complete, and the learner's dashboard.

use crate::error::AppError;
use crate::model::learning::{LearningDashboard, LessonView, Progress};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::Permission;
    use crate::data::repos::{audit, courses, enrollments, lessons};
    use crate::domain::billing::sales;
    use crate::domain::{self, Records, Syllabus, guards};
    use crate::error::AppError;
    use crate::model::learning::{LearningDashboard, LearningItem, LessonView, Progress};
    use crate::model::markdown;
    use crate::model::{Feature, FormError};
    use crate::request::TenantScope;
    use uuid::Uuid;

    /// Enrols in a free course, or starts paying for a priced one; returns where to go next.
    pub async fn enroll(scope: &TenantScope, slug: &str) -> Result<String, AppError> {
        scope.require(Feature::Courses)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let member = viewer.require(Permission::Learn).map_err(|e| match e {
            AppError::Forbidden => AppError::Form(FormError::NotAMember),
            other => other,
        })?;
        let course = domain::visible_course(&tx, viewer, slug).await?;
        let entitlement = guards::reach(&tx, &member, &course).await?;
        if enrollments::find(&tx, course.id, member.user_id)
            .await?
            .is_some()
        {
            tx.commit().await?;
            return Ok(scope.href(&format!("/courses/{}", course.slug)));
        }
        // A plan's subscribers have paid for its courses already.
        if course.price_cents > 0 && !entitlement.through_plan {
            scope.require(Feature::Ecommerce)?;
            let invoice = sales::buy_course(&tx, member.user_id, &course).await?;
            tx.commit().await?;
            return crate::api::billing::to_checkout(scope, &invoice).await;
        }
        enrollments::enroll(&tx, course.id, member.user_id).await?;
        audit::record(
            &tx,
            Some(member.user_id),
            "course.enrolled",
            &course.slug,
            serde_json::json!({}),
        )
        .await?;
        let first = Syllabus::load(&tx, course.id)
            .await?
            .lessons
            .first()
            .map(|l| l.id);
        tx.commit().await?;
        Ok(match first {
            Some(id) => scope.href(&format!("/courses/{}/lessons/{id}", course.slug)),
            None => scope.href(&format!("/courses/{}", course.slug)),
        })
    }

    pub async fn lesson(
        scope: &TenantScope,
        slug: &str,
        raw_id: &str,
    ) -> Result<LessonView, AppError> {
        scope.require(Feature::Courses)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let course = domain::visible_course(&tx, viewer, slug).await?;
        let member = viewer.require(Permission::Learn)?;
        guards::reach(&tx, &member, &course).await?;
        // Teaching staff may preview lessons without enrolling; only learners leave progress.
        let enrolled = enrollments::find(&tx, course.id, member.user_id)
            .await?
            .is_some();
        if !enrolled && !Permission::Teach.allows(member.role) {
            return Err(AppError::Forbidden);
        }
        let syllabus = Syllabus::load(&tx, course.id).await?;
        let index = syllabus.position(id).ok_or(AppError::NotFound)?;
        let lesson = &syllabus.lessons[index];
        let body = lessons::body(&tx, lesson.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if enrolled {
            enrollments::view_lesson(&tx, member.user_id, course.id, lesson.id).await?;
        }
        let assessments = scope.tenant().features().assessments;
        let countable = domain::countable_quizzes(&tx, &[course.id]).await?;
        let records = Records::load(&tx, &[course.id], &[member.user_id]).await?;
        tx.commit().await?;
        let (progress, done) = domain::progress(
            &course,
            &syllabus,
            countable
                .get(&course.id)
                .map(Vec::as_slice)
                .unwrap_or_default(),
            &records,
            member.user_id,
            assessments,
        );
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(LessonView {
            course_slug: course.slug.clone(),
            course_title: course.title.clone(),
            id: lesson.id,
            title: lesson.title.clone(),
            module_title: syllabus.module_title(lesson),
            html: markdown::render(&body),
            number: to_u32(index + 1),
            total: to_u32(syllabus.lessons.len()),
            previous: index
                .checked_sub(1)
                .and_then(|i| syllabus.lessons.get(i))
                .map(Syllabus::reference),
            next: syllabus.lessons.get(index + 1).map(Syllabus::reference),
            completed: done.contains(&lesson.id),
            progress,
        })
    }

    pub async fn complete(
        scope: &TenantScope,
        slug: &str,
        raw_id: &str,
    ) -> Result<Progress, AppError> {
        scope.require(Feature::Courses)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let course = domain::visible_course(&tx, viewer, slug).await?;
        let member = viewer.require(Permission::Learn)?;
        guards::reach(&tx, &member, &course).await?;
        if enrollments::find(&tx, course.id, member.user_id)
            .await?
            .is_none()
        {
            return Err(AppError::Forbidden);
        }
        let syllabus = Syllabus::load(&tx, course.id).await?;
        if syllabus.position(id).is_none() {
            return Err(AppError::NotFound);
        }
        enrollments::complete_lesson(&tx, member.user_id, course.id, id).await?;
        let assessments = scope.tenant().features().assessments;
        let progress =
            domain::refresh_completion(&tx, &course, member.user_id, assessments).await?;
        if progress.complete {
            audit::record(
                &tx,
                Some(member.user_id),
                "course.completed",
                &course.slug,
                serde_json::json!({}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(progress)
    }

    pub async fn dashboard(scope: &TenantScope) -> Result<LearningDashboard, AppError> {
        scope.require(Feature::Courses)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let member = viewer.require(Permission::Learn)?;
        let assessments = scope.tenant().features().assessments;
        // The same few queries for one course or many: no query per enrolment.
        let enrolled: Vec<Uuid> = enrollments::list_for_user(&tx, member.user_id)
            .await?
            .into_iter()
            .map(|e| e.course_id)
            .collect();
        // Unpublished courses drop out of view; their enrolment and progress stay.
        let shown: Vec<_> = courses::find_many(&tx, &enrolled)
            .await?
            .into_iter()
            .filter(|c| c.status == "published")
            .collect();
        let ids: Vec<Uuid> = shown.iter().map(|c| c.id).collect();
        let mut syllabi = Syllabus::load_many(&tx, &ids).await?;
        let countable = domain::countable_quizzes(&tx, &ids).await?;
        let records = Records::load(&tx, &ids, &[member.user_id]).await?;
        let selling = scope.tenant().features().ecommerce;
        let mut items = Vec::new();
        // In the order of enrolment, as before.
        for course_id in &enrolled {
            let Some(course) = shown.iter().find(|c| c.id == *course_id).cloned() else {
                continue;
            };
            let syllabus = syllabi.remove(&course.id).unwrap_or_default();
            let quizzes = countable
                .get(&course.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let (progress, done) = domain::progress(
                &course,
                &syllabus,
                quizzes,
                &records,
                member.user_id,
                assessments,
            );
            let last = records
                .last_view(course.id, member.user_id)
                .map(|(id, _)| id);
            let resume = domain::resume_point(&syllabus, last, &done);
            let lessons = u32::try_from(syllabus.lessons.len()).unwrap_or(u32::MAX);
            items.push(LearningItem {
                course: super::super::catalog::imp::summary(course, lessons, selling),
                progress,
                resume,
            });
        }
        let certificates = crate::data::repos::certificates::list_for_user(&tx, member.user_id)
            .await?
            .into_iter()
            .map(crate::api::certificates::imp::item)
            .collect::<Result<_, _>>()?;
        tx.commit().await?;
        Ok(LearningDashboard {
            courses: items,
            certificates,
        })
    }
}

/// Enrols the viewer (free courses) or opens a checkout (priced ones). Returns the next page.
#[server]
pub async fn enroll(slug: String) -> Result<String, AppError> {
    use crate::model::url::encode;
    use crate::request::{finish_form, serve_form};
    let back = format!("/courses/{}", encode(slug.trim()));
    serve_form(&back, &[], async |scope| {
        imp::enroll(scope, &slug).await.map(finish_form)
    })
    .await
}

/// A lesson of a course the viewer is enrolled in, with its neighbours and progress.
#[server]
pub async fn lesson_page(slug: String, lesson_id: String) -> Result<LessonView, AppError> {
    crate::request::serve(async |scope| imp::lesson(scope, &slug, &lesson_id).await).await
}

/// Marks a lesson complete and returns the course progress.
#[server]
pub async fn complete_lesson(slug: String, lesson_id: String) -> Result<Progress, AppError> {
    use crate::model::url::encode;
    let back = format!("/courses/{}/lessons/{}", encode(&slug), encode(&lesson_id));
    crate::request::serve_form(&back, &[], async |scope| {
        imp::complete(scope, &slug, &lesson_id).await
    })
    .await
}

/// The viewer's enrolled courses with progress and where to continue, and their certificates.
#[server]
pub async fn my_learning() -> Result<LearningDashboard, AppError> {
    crate::request::serve(async |scope| imp::dashboard(scope).await).await
}
