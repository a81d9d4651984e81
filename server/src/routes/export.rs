//! `POST /console/tenants/<slug>/export`: a tenant's archive (`app::data::export`), streamed to
//! the super admin as it is written. The reason comes in the form; the export is in the audit
//! trail before the first byte leaves.

use super::context;
use crate::error_pages;
use crate::state::AppState;
use app::api::console::export::imp::grant;
use app::auth::console::ConsoleScope;
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Form, FromRequest, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tracing::Instrument;

#[derive(serde::Deserialize)]
pub struct ExportForm {
    #[serde(default)]
    reason: String,
}

pub async fn tenant_export(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let (parts, body) = req.into_parts();
    let ctx = context::of(&state, &parts);
    let Ok(scope) = ConsoleScope::from_context(ctx) else {
        return error_pages::not_found();
    };
    let req = Request::from_parts(parts, body);
    let Ok(Form(form)) = Form::<ExportForm>::from_request(req, &()).await else {
        return error_pages::bad_request();
    };
    let back = format!("/console/tenants/{slug}");
    let granted = match grant(&scope, &slug, &form.reason).await {
        Ok(granted) => granted,
        Err(AppError::Form(e)) => {
            return Redirect::to(&format!("{back}?error={}", e.code())).into_response();
        }
        Err(AppError::NotFound) => return error_pages::not_found(),
        Err(e) => {
            tracing::error!(error = ?e, tenant = %slug, "export could not start");
            return error_pages::internal_error();
        }
    };

    // The archive is written into one end of a pipe while the response reads the other, so it
    // is sent as it is made and a slow download slows the writing instead of filling memory.
    let (writer, reader) = tokio::io::duplex(64 * 1024);
    let (db, uploads, tenant) = (
        state.db.clone(),
        state.config.upload_dir.clone(),
        granted.tenant_id,
    );
    let span = tracing::info_span!("export", tenant = %granted.slug, admin = %scope.admin().id);
    tokio::spawn(
        async move {
            match app::data::export::write_archive(&db, tenant, &uploads, writer).await {
                Ok(manifest) => tracing::info!(files = manifest.files.len(), "export sent"),
                // The download ends short; without its manifest and directory the archive is
                // visibly incomplete.
                Err(e) => tracing::error!(error = %e, "export failed mid-way"),
            }
        }
        .instrument(span),
    );
    let file = format!(
        "attachment; filename=\"atrium-{}-{}.zip\"",
        granted.slug,
        chrono::Utc::now().format("%Y%m%d-%H%M")
    );
    let mut response = (
        StatusCode::OK,
        Body::from_stream(tokio_util::io::ReaderStream::new(reader)),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    if let Ok(value) = HeaderValue::from_str(&file) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
