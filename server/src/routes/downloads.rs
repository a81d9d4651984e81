//! Spreadsheets, with the same checks as the server functions behind the same tables:
//! `GET /studio/courses/<id>/learners.csv` (learner insight, for the course's teaching staff)
//! and, for a tenant's admins, `GET /admin/audit.csv?actor=&action=` (its audit log) and
//! `GET /admin/analytics/<chart>.csv` (a dashboard chart's figures).

use super::context;
use crate::error_pages;
use crate::state::AppState;
use app::error::AppError;
use app::request::TenantScope;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// A CSV answer, or the plain error page its failure deserves.
fn csv_response(result: Result<String, AppError>, file_name: &str) -> Response {
    match result {
        Ok(body) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(value) =
                HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
            {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::Unauthorized) => {
            (StatusCode::UNAUTHORIZED, "Please sign in.").into_response()
        }
        Err(AppError::Forbidden) => {
            (StatusCode::FORBIDDEN, "You don't have access to this.").into_response()
        }
        Err(AppError::BadRequest(message)) => (StatusCode::BAD_REQUEST, message).into_response(),
        Err(AppError::NotFound | AppError::FeatureDisabled) => error_pages::not_found(),
        Err(_) => error_pages::internal_error(),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AuditFilter {
    actor: String,
    action: String,
}

pub async fn audit_csv(
    State(state): State<AppState>,
    Query(filter): Query<AuditFilter>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = context::of(&state, &parts);
    let result = async {
        let scope = TenantScope::from_context(ctx)?;
        let csv = app::api::admin::audit::imp::csv(&scope, &filter.actor, &filter.action).await?;
        Ok::<_, AppError>((csv, scope.tenant().slug().to_owned()))
    }
    .await;
    let name = match &result {
        Ok((_, slug)) => format!("audit-{slug}.csv"),
        Err(_) => String::new(),
    };
    csv_response(result.map(|(csv, _)| csv), &name)
}

/// `GET /admin/analytics/<chart>.csv`: one dashboard chart's figures.
pub async fn analytics_csv(
    State(state): State<AppState>,
    Path(file): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = context::of(&state, &parts);
    let Some(chart) = file.strip_suffix(".csv").map(str::to_owned) else {
        return error_pages::not_found();
    };
    let result = async {
        let scope = TenantScope::from_context(ctx)?;
        app::api::admin::analytics::imp::csv(&scope, &chart).await
    }
    .await;
    csv_response(result, &format!("{chart}.csv"))
}

pub async fn learners_csv(
    State(state): State<AppState>,
    Path(raw_course): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = context::of(&state, &parts);
    let result = async {
        let scope = TenantScope::from_context(ctx)?;
        app::api::studio::insight::imp::build(&scope, &raw_course).await
    }
    .await;
    let name = match &result {
        Ok(insight) => format!("learners-{}.csv", insight.course_id),
        Err(_) => String::new(),
    };
    csv_response(
        result.map(|insight| app::model::studio::insight_csv(&insight)),
        &name,
    )
}
