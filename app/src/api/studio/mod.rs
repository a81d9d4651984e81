//! The instructor studio's server functions. Every one requires the Teach permission (instructor,
//! admin or owner of this tenant) and finds courses only within this tenant; children (modules,
//! lessons, quizzes) must also belong to the course named in the call.

pub mod courses;
pub mod duplicate;
pub mod insight;
pub mod media;
pub mod outline;
pub mod quizzes;

#[cfg(feature = "ssr")]
pub(crate) use courses::conflict as courses_conflict;

#[cfg(feature = "ssr")]
pub(crate) mod guard {
    pub use crate::domain::guards::{course, id, staff, with_course};

    /// Trimmed text of at most `max` characters, or a field error.
    pub fn text(
        errors: &mut Vec<crate::model::studio::FieldError>,
        field: &str,
        value: &str,
        max: usize,
        required: bool,
        what: &str,
    ) -> String {
        let value = value.trim();
        if required && value.is_empty() {
            errors.push(crate::model::studio::FieldError::new(
                field,
                format!("Enter {what}."),
            ));
        } else if value.chars().count() > max {
            errors.push(crate::model::studio::FieldError::new(
                field,
                format!("Keep {what} under {max} characters."),
            ));
        }
        value.to_owned()
    }
}
