//! The one error type that crosses the wire. Users see the plain message; the server logs the
//! detail where the error is made (see `AppError::internal`), never sending it to the browser.

use crate::model::FormError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("We couldn't find that page.")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Form(FormError),
    /// Input problems tied to form fields, shown next to each field.
    #[error("Please fix the highlighted fields.")]
    Invalid(Vec<crate::model::studio::FieldError>),
    /// Someone else changed this since it was opened.
    #[error("{0}")]
    Conflict(String),
    /// A destructive action that needs an explicit yes.
    #[error("This will remove {learners} learners' enrolments and progress. Confirm to delete.")]
    NeedsConfirmation { learners: u32 },
    #[error("Please sign in to continue.")]
    Unauthorized,
    #[error("You don't have access to this.")]
    Forbidden,
    #[error("This isn't available for this organisation.")]
    FeatureDisabled,
    #[error("This organisation's portal is unavailable right now.")]
    TenantUnavailable,
    #[error("Too many attempts. Please wait {retry_after_secs} seconds and try again.")]
    RateLimited { retry_after_secs: u64 },
    #[error("We couldn't reach the server. Check your connection and try again.")]
    Network,
    /// The database is unreachable, overloaded or too slow right now: nothing was changed, and
    /// the same request will work again once it is back.
    #[error("Atrium is busy or briefly unavailable. Please try again in a moment.")]
    Busy,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
}

impl From<FormError> for AppError {
    fn from(e: FormError) -> Self {
        AppError::Form(e)
    }
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound | AppError::FeatureDisabled => 404,
            AppError::BadRequest(_) => 400,
            AppError::Form(e) => e.status(),
            AppError::Invalid(_) => 400,
            AppError::Conflict(_) | AppError::NeedsConfirmation { .. } => 409,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::RateLimited { .. } => 429,
            AppError::TenantUnavailable | AppError::Busy => 503,
            AppError::Network => 502,
            AppError::Internal => 500,
        }
    }

    /// A short code for the error, carried in `?error=` when a form falls back without JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Form(e) => e.code(),
            AppError::NotFound | AppError::FeatureDisabled => "not_found",
            AppError::BadRequest(_) | AppError::Invalid(_) => "bad_request",
            AppError::Conflict(_) | AppError::NeedsConfirmation { .. } => "conflict",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::TenantUnavailable => "unavailable",
            AppError::Busy => "busy",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Network | AppError::Internal => "internal",
        }
    }

    /// The plain message for a code from `code()`.
    pub fn message_for_code(code: &str) -> Option<String> {
        if let Some(e) = FormError::from_code(code) {
            return Some(e.message().to_owned());
        }
        let e = match code {
            "not_found" => AppError::NotFound,
            "bad_request" => AppError::BadRequest("That request wasn't understood.".into()),
            "unauthorized" => AppError::Unauthorized,
            "forbidden" => AppError::Forbidden,
            "conflict" => {
                return Some(
                    "Someone else changed this in the meantime. Reload and try again.".into(),
                );
            }
            "rate_limited" => {
                return Some("Too many attempts. Please wait a minute and try again.".into());
            }
            "internal" => AppError::Internal,
            "busy" => AppError::Busy,
            _ => return None,
        };
        Some(e.to_string())
    }

    /// Logs `detail` for operators and returns the plain error for the user.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest("That request wasn't understood.".into())
            }
            ServerFnErrorErr::MissingArg(_) => {
                AppError::BadRequest("Some required information was missing.".into())
            }
            ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::NotFound,
            other => AppError::internal(other),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        // Two requests racing past the same "is it free?" check: the database's unique key
        // decides, and the loser hears it plainly instead of getting a 500.
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(detail)) = e.sql_err() {
            tracing::info!(%detail, "unique key conflict");
            return AppError::Conflict(
                "That was just changed by someone else. Please reload and try again.".into(),
            );
        }
        // A row that points at one that is gone (removed meanwhile), or a learner's action by
        // someone who is not a member (a super admin in a support session): say so plainly.
        if let Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(detail)) = e.sql_err() {
            tracing::info!(%detail, "foreign key refused the write");
            return AppError::Conflict(
                "That couldn't be saved: something it depends on is missing. Please reload and \
                 try again."
                    .into(),
            );
        }
        // A write in a read-only support session: PostgreSQL refused it
        // (read_only_sql_transaction).
        let state = sql_state(&e);
        if state.as_deref() == Some("25006") {
            tracing::info!("write refused: read-only support session");
            return AppError::Form(FormError::SupportReadOnly);
        }
        if unavailable(&e, state.as_deref()) {
            tracing::warn!(error = %e, "database unavailable");
            return AppError::Busy;
        }
        AppError::internal(e)
    }
}

/// The database could not be reached or gave up on the statement: no connection within the pool's
/// wait, a connection lost mid-request, a server shutting down or refusing connections (classes
/// 08 and 57P, 53300), or the statement timeout (57014).
#[cfg(feature = "ssr")]
fn unavailable(e: &sea_orm::DbErr, state: Option<&str>) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    if let Some(state) = state {
        return state.starts_with("08")
            || state.starts_with("57P")
            || matches!(state, "57014" | "53300");
    }
    match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(err)) | DbErr::Query(RuntimeErr::SqlxError(err)) => {
            use sea_orm::sqlx::Error;
            matches!(
                **err,
                Error::Io(_) | Error::PoolTimedOut | Error::PoolClosed | Error::WorkerCrashed
            )
        }
        _ => false,
    }
}

#[cfg(feature = "ssr")]
fn sql_state(e: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr};
    match e {
        DbErr::Exec(RuntimeErr::SqlxError(err)) | DbErr::Query(RuntimeErr::SqlxError(err)) => err
            .as_database_error()
            .and_then(|d| d.code())
            .map(|c| c.into_owned()),
        _ => None,
    }
}
