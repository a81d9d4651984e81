//! DTOs for a learner's view of courses, lessons, progress, quizzes and discussions.

use super::CourseSummary;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    pub complete: bool,
}

impl Progress {
    /// Whole percent, rounded down so 100 means really done.
    pub fn percent(self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRef {
    pub id: Uuid,
    pub title: String,
}

/// What the viewer can do with a course and how far they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CourseStanding {
    pub signed_in: bool,
    pub member: bool,
    /// Signed in, not a member, and the tenant lets people join.
    pub can_join: bool,
    pub enrolled: bool,
    /// The member started paying for this course and has not finished.
    pub checkout_waiting: bool,
    pub progress: Option<Progress>,
    pub completed_lessons: Vec<Uuid>,
    /// Where "continue" leads: the last lesson viewed, else the first not yet done.
    pub resume: Option<LessonRef>,
    /// The course is in a subscription plan and the member's plan opens it.
    pub included_in_plan: bool,
    /// Why the course is closed to this member, if it is: a member level below the one it
    /// needs, or a plan they have no signed subscription to (`guards::reach`'s reasons).
    pub lock: Option<super::FormError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizSummary {
    pub id: Uuid,
    pub title: String,
    pub passing_score: i32,
    pub question_count: u32,
    /// Best score so far, for an enrolled viewer.
    pub best_score: Option<i32>,
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonView {
    pub course_slug: String,
    pub course_title: String,
    pub id: Uuid,
    pub title: String,
    pub module_title: String,
    /// Lesson body, Markdown rendered and sanitised on the server.
    pub html: String,
    pub number: u32,
    pub total: u32,
    pub previous: Option<LessonRef>,
    pub next: Option<LessonRef>,
    pub completed: bool,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningItem {
    pub course: CourseSummary,
    pub progress: Progress,
    pub resume: Option<LessonRef>,
}

/// "My learning": enrolled courses in the order of enrolment, and certificates, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearningDashboard {
    pub courses: Vec<LearningItem>,
    pub certificates: Vec<super::certificate::CertificateItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizOptionView {
    pub id: Uuid,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizQuestionView {
    pub id: Uuid,
    pub prompt: String,
    pub multiple: bool,
    pub options: Vec<QuizOptionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptView {
    pub score: i32,
    pub passed: bool,
    /// RFC 3339.
    pub taken_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizView {
    pub id: Uuid,
    pub title: String,
    pub course_slug: String,
    pub course_title: String,
    pub passing_score: i32,
    pub questions: Vec<QuizQuestionView>,
    pub attempts: Vec<AttemptView>,
    /// The result of the try just submitted, shown once after the form's redirect back.
    pub last_result: Option<QuizResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizResult {
    pub score: i32,
    pub passed: bool,
    pub correct: u32,
    pub total: u32,
    pub course_complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    pub id: Uuid,
    pub author: String,
    /// Sanitised HTML; empty when removed.
    pub html: String,
    /// The Markdown source, for the author's edit box only.
    pub source: Option<String>,
    pub created_at: String,
    pub edited: bool,
    pub removed: bool,
    pub can_edit: bool,
    pub can_remove: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: Uuid,
    pub title: String,
    pub author: String,
    pub replies: u32,
    pub created_at: String,
    pub removed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardView {
    pub course_slug: String,
    pub course_title: String,
    pub threads: Vec<ThreadSummary>,
    pub can_post: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadView {
    pub id: Uuid,
    pub course_slug: String,
    pub course_title: String,
    pub title: String,
    pub opening: PostView,
    pub replies: Vec<PostView>,
    pub can_reply: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_down_and_handles_empty_courses() {
        let p = |done, total| {
            Progress {
                done,
                total,
                complete: false,
            }
            .percent()
        };
        assert_eq!(p(0, 0), 0);
        assert_eq!(p(1, 3), 33);
        assert_eq!(p(2, 3), 66);
        assert_eq!(p(3, 3), 100);
    }
}
