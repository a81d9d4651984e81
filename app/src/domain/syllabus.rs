//! A course's lessons in the order learners take them, each with its module.

use crate::data::TenantTx;
use crate::data::entities::module;
use crate::data::repos::{lessons, modules};
use crate::error::AppError;
use crate::model::learning::LessonRef;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct Syllabus {
    pub modules: Vec<module::Model>,
    pub lessons: Vec<lessons::Entry>,
}

impl Syllabus {
    /// What learners see of one course: its modules with their published lessons.
    pub async fn load(tx: &TenantTx, course_id: Uuid) -> Result<Self, AppError> {
        Ok(Self::load_many(tx, &[course_id])
            .await?
            .remove(&course_id)
            .unwrap_or_default())
    }

    /// The syllabus of each of several courses, in two queries.
    pub async fn load_many(
        tx: &TenantTx,
        course_ids: &[Uuid],
    ) -> Result<HashMap<Uuid, Self>, AppError> {
        if course_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let all_modules = modules::list_for_courses(tx, course_ids).await?;
        let all_lessons = lessons::list_published_for_courses(tx, course_ids).await?;
        let mut by_module: HashMap<Uuid, Vec<lessons::Entry>> = HashMap::new();
        for lesson in all_lessons {
            by_module.entry(lesson.module_id).or_default().push(lesson);
        }
        let mut out: HashMap<Uuid, Self> = HashMap::new();
        for module in all_modules {
            let syllabus = out.entry(module.course_id).or_default();
            syllabus
                .lessons
                .extend(by_module.remove(&module.id).unwrap_or_default());
            syllabus.modules.push(module);
        }
        Ok(out)
    }

    pub fn position(&self, lesson_id: Uuid) -> Option<usize> {
        self.lessons.iter().position(|l| l.id == lesson_id)
    }

    pub fn module_title(&self, lesson: &lessons::Entry) -> String {
        self.modules
            .iter()
            .find(|m| m.id == lesson.module_id)
            .map(|m| m.title.clone())
            .unwrap_or_default()
    }

    pub fn reference(lesson: &lessons::Entry) -> LessonRef {
        LessonRef {
            id: lesson.id,
            title: lesson.title.clone(),
        }
    }
}
