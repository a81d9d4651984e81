//! `GET /certificates/<code>/pdf`: a certificate as a PDF, for anyone who has its code (the
//! same rule as its page, and the same "not found" for an unknown code and another tenant's).

use super::context;
use crate::certificate_pdf::{self, Logo, LogoFormat, Look};
use crate::error_pages;
use crate::state::AppState;
use app::error::AppError;
use app::model::HexColor;
use app::request::TenantScope;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Logo files larger than this are not read for a certificate (uploads are smaller still).
const LOGO_MAX_BYTES: u64 = 2 * 1024 * 1024;

/// The tenant's logo file, where the server holds it: an upload (`/media/…`, in the tenant's own
/// folder) or a bundled asset (`/assets/…`). A logo on another site is not fetched: the PDF must
/// not wait on, or be steered by, someone else's server. Addresses were validated on save (no
/// `..`, no other prefixes).
async fn logo_file(state: &AppState, tenant: uuid::Uuid, address: &str) -> Option<Logo> {
    let format = LogoFormat::from_name(address)?;
    let path = if let Some(name) = address.strip_prefix("/media/") {
        state.config.upload_dir.join(tenant.to_string()).join(name)
    } else if let Some(asset) = address.strip_prefix("/assets/") {
        std::path::Path::new(&*state.leptos.site_root)
            .join("assets")
            .join(asset)
    } else {
        return None;
    };
    let size = tokio::fs::metadata(&path).await.ok()?.len();
    if size > LOGO_MAX_BYTES {
        tracing::warn!(size, "certificate logo too large to draw");
        return None;
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => Some(Logo { bytes, format }),
        Err(e) => {
            tracing::warn!(error = %e, "certificate logo not readable");
            None
        }
    }
}

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
        let branding = scope.tenant().branding();
        let primary = &branding.primary;
        let on_colour = HexColor::parse(primary.readable_text()).map_or((0, 0, 0), |c| c.rgb());
        let logo = match &branding.logo {
            Some(logo) => logo_file(&state, scope.tenant().id(), logo.as_str()).await,
            None => None,
        };
        let look = Look {
            colour: primary.rgb(),
            on_colour,
            ink: primary.ink().rgb(),
            logo,
        };
        Ok::<_, AppError>((view, look, address))
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
