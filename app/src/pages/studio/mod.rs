//! The instructor studio: course list, course editor, lesson editor, quiz editor, learners.

mod course_editor;
mod course_list;
mod course_outline;
mod learners;
mod lesson_editor;
mod quiz_editor;
mod refresh;

pub use course_editor::StudioCoursePage;
pub use course_list::StudioHomePage;
pub use learners::StudioLearnersPage;
pub use lesson_editor::StudioLessonPage;
pub use quiz_editor::StudioQuizPage;

/// Tailwind classes shared by studio forms.
pub(crate) mod ui {
    pub const INPUT: &str = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
    pub const LABEL: &str = "block text-sm font-medium text-slate-700";
    pub const PRIMARY: &str =
        "rounded-md bg-brand px-4 py-2 font-semibold text-brand-contrast disabled:opacity-60";
    pub const SECONDARY: &str = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
    pub const SMALL: &str = "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";
    pub const CARD: &str = "rounded-xl border border-slate-200 bg-white p-5";
}
