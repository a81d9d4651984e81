//! `GET /certificates/<code>/pdf`: a certificate as a PDF, for anyone who has its code (the
//! same rule as its page, and the same "not found" for an unknown code and another tenant's).

use super::context;
use crate::certificate_pdf::{self, Look};
use crate::error_pages;
use crate::state::AppState;
use app::error::AppError;
use app::request::TenantScope;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub async fn pdf(
    State(state): State<AppState>,
    Path(code): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let ctx = context::of(&state, &parts);
    let loaded = async {
        let scope = TenantScope::from_context(ctx)?;
        let view = app::api::certificates::imp::verify(&scope, &code).await?;
        // Printed on paper: the address that works from anywhere, as mailed links use.
        let address = scope.mode().absolute(
            scope.tenant().slug(),
            &format!("/certificates/{}", view.code.as_str()),
            &scope.context().origin,
        );
        let colour = scope.tenant().branding().primary.rgb();
        Ok::<_, AppError>((view, Look { colour }, address))
    }
    .await;
    let (view, look, address) = match loaded {
        Ok(loaded) => loaded,
        Err(AppError::NotFound | AppError::FeatureDisabled) => return error_pages::not_found(),
        Err(AppError::Busy | AppError::TenantUnavailable) => return error_pages::busy(),
        Err(_) => return error_pages::internal_error(),
    };
    let file = format!("certificate-{}.pdf", view.code.as_str());
    // Drawing takes milliseconds of CPU: off the async workers.
    let drawn =
        tokio::task::spawn_blocking(move || certificate_pdf::render(&view, &look, &address)).await;
    let bytes = match drawn {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(detail)) => {
            tracing::error!(error = %detail, "certificate PDF not drawn");
            return error_pages::internal_error();
        }
        Err(e) => {
            tracing::error!(error = %e, "certificate PDF task failed");
            return error_pages::internal_error();
        }
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // A revocation must show on the next download.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
