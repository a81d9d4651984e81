//! `GET /media/<name>`: an uploaded file of this request's tenant. Names are generated, so
//! anything else is a 404; files of other tenants are in other folders and cannot be named here.

use crate::error_pages;
use crate::state::AppState;
use app::api::studio::media::{content_type, is_media_name};
use app::request::RequestSite;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub async fn serve(
    State(state): State<AppState>,
    Extension(site): Extension<RequestSite>,
    Path(name): Path<String>,
) -> Response {
    let Some(tenant) = site.tenant() else {
        return error_pages::not_found();
    };
    if !is_media_name(&name) {
        return error_pages::not_found();
    }
    let path = state
        .config
        .upload_dir
        .join(tenant.id().to_string())
        .join(&name);
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type(&name)),
                (header::CACHE_CONTROL, "public, max-age=86400, immutable"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => error_pages::not_found(),
    }
}
