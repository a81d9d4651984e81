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
    use crate::auth::{Member, Permission};
    use crate::data::TenantTx;
    use crate::data::entities::course;
    use crate::data::repos::courses;
    use crate::error::AppError;
    use crate::model::Feature;
    use crate::request::TenantScope;
    use uuid::Uuid;

    /// The caller, if they may teach here; 401/403 otherwise.
    pub fn staff(scope: &TenantScope) -> Result<Member, AppError> {
        scope.require(Feature::Courses)?;
        scope.viewer().require(Permission::Teach)
    }

    /// Malformed ids are as missing as unknown ones.
    pub fn id(raw: &str) -> Result<Uuid, AppError> {
        Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
    }

    /// A course of this tenant, drafts included.
    pub async fn course(tx: &TenantTx, raw: &str) -> Result<course::Model, AppError> {
        courses::find(tx, id(raw)?).await?.ok_or(AppError::NotFound)
    }

    /// Runs `f` for teaching staff with the course named by `raw_course` (this tenant's only),
    /// committing when it succeeds.
    pub async fn with_course<T>(
        scope: &TenantScope,
        raw_course: &str,
        f: impl AsyncFnOnce(&TenantTx, &course::Model) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let tx = scope.begin().await?;
        staff(scope)?;
        let course = course(&tx, raw_course).await?;
        let out = f(&tx, &course).await?;
        tx.commit().await?;
        Ok(out)
    }

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
