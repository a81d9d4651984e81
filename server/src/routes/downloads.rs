//! `GET /studio/courses/<id>/learners.csv`: the learner insight table as a spreadsheet, for the
//! course's teaching staff (the same checks as the studio's server function).

use super::context;
use crate::error_pages;
use crate::state::AppState;
use app::error::AppError;
use app::request::TenantScope;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

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
    match result {
        Ok(insight) => {
            let file = format!(
                "attachment; filename=\"learners-{}.csv\"",
                insight.course_id
            );
            let mut response = app::model::studio::insight_csv(&insight).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(value) = HeaderValue::from_str(&file) {
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
        Err(AppError::NotFound | AppError::FeatureDisabled) => error_pages::not_found(),
        Err(_) => error_pages::internal_error(),
    }
}
