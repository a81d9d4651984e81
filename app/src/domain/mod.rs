//! The rules of learning, on the server: which lessons make up a course and in what order
//! (`syllabus`), how far a learner is and where they continue (`progress`), and what a viewer
//! may do with a course (`standing`), and who may act on what (`guards`). Every server function that shows or changes progress goes
//! through here, so they all agree. Loaders take many courses and learners at once: a page costs
//! the same few queries for one row or a thousand. `provisioning` is the platform's rule for
//! creating a tenant with its first owner in one transaction.

pub mod billing;
pub mod certificates;
pub mod dns;
pub mod guards;
pub mod levels;
pub mod progress;
pub mod provisioning;
pub mod quotas;
pub mod standing;
pub mod syllabus;

pub use progress::{Records, countable_quizzes, progress, refresh_completion, resume_point};
pub use standing::{quizzes_count, standing, visible_course};
pub use syllabus::Syllabus;
