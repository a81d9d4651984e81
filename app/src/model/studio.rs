//! DTOs for the instructor studio.

use super::AccessLevel;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A problem with one form field, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// The message for `field` among `errors`, if any.
pub fn message_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

/// A suggested URL slug for a title: lowercase ASCII words joined by hyphens.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            slug.push(c);
            gap = false;
        } else {
            gap = true;
        }
        if slug.len() >= 80 {
            break;
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioCourseRow {
    pub id: Uuid,
    pub title: String,
    pub slug: String,
    pub published: bool,
    pub access: AccessLevel,
    pub learners: u32,
    pub lessons: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioLessonRow {
    pub id: Uuid,
    pub title: String,
    pub published: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioModule {
    pub id: Uuid,
    pub title: String,
    pub lessons: Vec<StudioLessonRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioQuizRow {
    pub id: Uuid,
    pub title: String,
    pub questions: u32,
    pub passing_score: i32,
}

/// Everything the course editor shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioCourse {
    pub id: Uuid,
    pub version: i32,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub access: AccessLevel,
    pub price_cents: i32,
    pub quiz_required: bool,
    /// The score a learner must reach on each quiz for a certificate, if any.
    pub certificate_min_score: Option<i32>,
    /// The member level learners need (a level's id), if any.
    pub required_level: Option<String>,
    /// The tenant's member levels, lowest first (none: the choice is not shown).
    pub levels: Vec<super::levels::LevelChoice>,
    pub published: bool,
    /// Path of the cover image inside the portal (`/media/…`), if any.
    pub cover: Option<String>,
    pub learners: u32,
    pub modules: Vec<StudioModule>,
    pub quizzes: Vec<StudioQuizRow>,
    /// The tenant sells courses (price field shown) / has assessments (quizzes shown).
    pub selling: bool,
    pub assessments: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonDraft {
    pub id: Uuid,
    pub course_id: Uuid,
    pub course_title: String,
    pub module_title: String,
    pub title: String,
    pub body: String,
    /// `body` rendered for learners, the editor's first preview.
    pub html: String,
    pub version: i32,
    pub published: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizOptionDraft {
    pub label: String,
    pub correct: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizQuestionDraft {
    pub id: Uuid,
    pub prompt: String,
    pub multiple: bool,
    pub options: Vec<QuizOptionDraft>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizDraft {
    pub id: Uuid,
    pub course_id: Uuid,
    pub course_title: String,
    pub title: String,
    pub passing_score: i32,
    pub questions: Vec<QuizQuestionDraft>,
}

/// One enrolled learner, for the instructor's insight table and its CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnerRow {
    pub name: String,
    pub email: String,
    pub enrolled_at: String,
    pub percent: u32,
    pub completed: bool,
    /// RFC 3339, when they last opened a lesson.
    pub last_activity: Option<String>,
    /// Best score per quiz, in the course's quiz order.
    pub quiz_scores: Vec<Option<i32>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseInsight {
    pub course_id: Uuid,
    pub course_title: String,
    pub quiz_titles: Vec<String>,
    pub learners: Vec<LearnerRow>,
}

/// The insight table as CSV. Cells that a spreadsheet would run as formulas are defused.
pub fn insight_csv(insight: &CourseInsight) -> String {
    use super::csv::cell;
    let mut header = vec![
        "Name",
        "Email",
        "Enrolled",
        "Progress %",
        "Completed",
        "Last activity",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    header.extend(
        insight
            .quiz_titles
            .iter()
            .map(|t| format!("Best score: {t}")),
    );
    let mut out = header.iter().map(|h| cell(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for l in &insight.learners {
        let mut row = vec![
            cell(&l.name),
            cell(&l.email),
            cell(&l.enrolled_at),
            l.percent.to_string(),
            if l.completed {
                "yes".into()
            } else {
                "no".into()
            },
            cell(l.last_activity.as_deref().unwrap_or("")),
        ];
        row.extend(
            l.quiz_scores
                .iter()
                .map(|s| s.map(|v| v.to_string()).unwrap_or_default()),
        );
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_suggested_from_titles() {
        assert_eq!(slugify("The 5Q Framework!"), "the-5q-framework");
        assert_eq!(slugify("  Café & Croissants  "), "caf-croissants");
        assert_eq!(slugify("---"), "");
        assert!(crate::model::CourseSlug::parse(&slugify(&"Long title ".repeat(20))).is_ok());
    }

    #[test]
    fn csv_quotes_and_defuses_cells() {
        let insight = CourseInsight {
            course_id: Uuid::nil(),
            course_title: "C".into(),
            quiz_titles: vec!["Check".into()],
            learners: vec![LearnerRow {
                name: "=HYPERLINK(\"evil\")".into(),
                email: "a@b.org".into(),
                enrolled_at: "2026-11-25".into(),
                percent: 50,
                completed: false,
                last_activity: None,
                quiz_scores: vec![Some(80)],
            }],
        };
        let csv = insight_csv(&insight);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("Name,Email,Enrolled,Progress %,Completed,Last activity,Best score: Check")
        );
        assert_eq!(
            lines.next(),
            Some("\"'=HYPERLINK(\"\"evil\"\")\",a@b.org,2026-11-25,50,no,,80")
        );
    }
}
