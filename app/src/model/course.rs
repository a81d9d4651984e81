//! Course DTOs for the learner pages. Built from entities on the server; no tenant ids inside.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessLevel {
    Public,
    Members,
}

impl AccessLevel {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(AccessLevel::Public),
            "members" => Some(AccessLevel::Members),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::Public => "public",
            AccessLevel::Members => "members",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub access: AccessLevel,
    /// Present only when the tenant sells courses and this one has a price.
    pub price_cents: Option<i32>,
    pub lesson_count: u32,
    /// The cover image's path inside the portal (`/media/…`), if one was uploaded.
    pub cover: Option<String>,
    /// The member level this course requires, if any.
    pub level: Option<String>,
    /// Whether that level is above the viewer's: the course shows as locked.
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonOutline {
    pub id: Uuid,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleOutline {
    pub title: String,
    pub lessons: Vec<LessonOutline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseDetail {
    pub course: CourseSummary,
    pub modules: Vec<ModuleOutline>,
    /// Quizzes, when the tenant has assessments on.
    pub quizzes: Vec<super::learning::QuizSummary>,
    /// Whether passing the quizzes is part of completing the course.
    pub quiz_required: bool,
    /// Whether the tenant has discussions on.
    pub discussions: bool,
    pub standing: super::learning::CourseStanding,
}

/// "$49.00" from cents. Currency display is dollars until tenants choose their own.
pub fn format_price(cents: i32) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_render_with_two_decimals() {
        assert_eq!(format_price(4900), "$49.00");
        assert_eq!(format_price(1999), "$19.99");
        assert_eq!(format_price(5), "$0.05");
    }
}
