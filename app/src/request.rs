//! Per-request values on the server. `provide_request_context` runs in the same way for page
//! rendering and for server-function calls, so the two paths cannot disagree about the tenant.

use crate::auth::{SignInLimiter, Viewer};
use crate::data::{Db, ResolvedTenant, TenantTx};
use crate::error::AppError;
use crate::model::Feature;
use leptos::prelude::{provide_context, use_context};
use std::net::IpAddr;
use std::sync::Arc;
use tower_sessions::Session;

/// What tenant resolution decided for this request (see server/src/tenancy.rs).
#[derive(Clone, Debug)]
pub enum ServerSite {
    Platform,
    Tenant {
        tenant: ResolvedTenant,
        /// `/<slug>` in path mode, empty otherwise.
        base: String,
    },
}

/// How the browser reached us, for building absolute links to other portals.
#[derive(Clone, Debug)]
pub struct Origin {
    pub https: bool,
    /// The request's port when it was not the scheme's default.
    pub port: Option<u16>,
    pub root_domain: String,
}

#[derive(Clone)]
pub struct RequestContext {
    pub db: Db,
    pub site: ServerSite,
    /// The portal's session; present for tenant requests.
    pub session: Option<Session>,
    /// Who is asking, loaded with the session before the request was handled (anonymous on the
    /// platform host and for visitors without a session).
    pub viewer: Viewer,
    pub client_ip: Option<IpAddr>,
    pub limiter: Arc<SignInLimiter>,
    pub origin: Origin,
    /// Where uploaded files live: one folder per tenant id below it.
    pub upload_dir: std::path::PathBuf,
}

pub fn provide_request_context(ctx: RequestContext) {
    provide_context(ctx);
}

/// The tenant a server function acts for. Only obtainable when the request resolved to one.
pub struct TenantScope {
    ctx: RequestContext,
    tenant: ResolvedTenant,
    base: String,
}

impl TenantScope {
    pub fn current() -> Result<Self, AppError> {
        let ctx = use_context::<RequestContext>()
            .ok_or_else(|| AppError::internal("request context missing"))?;
        Self::from_context(ctx)
    }

    /// For plain HTTP handlers (downloads, uploads) that run outside Leptos.
    pub fn from_context(ctx: RequestContext) -> Result<Self, AppError> {
        match ctx.site.clone() {
            ServerSite::Tenant { tenant, base } => Ok(Self { ctx, tenant, base }),
            ServerSite::Platform => Err(AppError::NotFound),
        }
    }

    pub fn tenant(&self) -> &ResolvedTenant {
        &self.tenant
    }

    pub fn db(&self) -> &Db {
        &self.ctx.db
    }

    pub fn context(&self) -> &RequestContext {
        &self.ctx
    }

    /// An absolute path inside this portal, in the visitor's mode.
    pub fn href(&self, path: &str) -> String {
        let path = path.trim_start_matches('/');
        match (self.base.is_empty(), path.is_empty()) {
            (true, true) => "/".to_owned(),
            (true, false) => format!("/{path}"),
            (false, true) => self.base.clone(),
            (false, false) => format!("{}/{path}", self.base),
        }
    }

    /// Refuses when the tenant has `feature` switched off: hiding the link is not enough.
    pub fn require(&self, feature: Feature) -> Result<(), AppError> {
        if self.tenant.features().has(feature) {
            Ok(())
        } else {
            Err(AppError::FeatureDisabled)
        }
    }

    /// A transaction of this tenant, acting for the signed-in person if there is one.
    pub async fn begin(&self) -> Result<TenantTx, AppError> {
        Ok(self
            .tenant
            .begin_as(&self.ctx.db, self.ctx.viewer.user_id())
            .await?)
    }

    pub fn session(&self) -> Result<&Session, AppError> {
        self.ctx
            .session
            .as_ref()
            .ok_or_else(|| AppError::internal("tenant request without a session"))
    }

    /// Who is asking, within this tenant: loaded once per request, before it was handled.
    pub fn viewer(&self) -> &Viewer {
        &self.ctx.viewer
    }
}

/// Gives a failed server function its HTTP status (server_fn answers 500 otherwise). During page
/// rendering the same call sets the page's status, so a missing course renders as a 404.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        crate::components::set_http_status(e.status());
        if let (AppError::RateLimited { retry_after_secs }, Some(options)) =
            (e, use_context::<leptos_axum::ResponseOptions>())
            && let Ok(value) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string())
        {
            options.insert_header(axum::http::header::RETRY_AFTER, value);
        }
        if e.status() < 500 {
            tracing::info!(error = %e, status = e.status(), "request refused");
        }
    }
    result
}

/// Whether this call is a plain HTML form post (JavaScript off): browsers then ask for HTML.
fn plain_form_post() -> bool {
    use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

/// `leptos_axum::redirect` panics on a value that cannot be a header; never hand it one.
fn redirect(target: &str) {
    if axum::http::HeaderValue::from_str(target).is_ok() {
        leptos_axum::redirect(target);
    } else {
        tracing::warn!(
            target,
            "redirect target is not a valid header value; not redirecting"
        );
    }
}

/// Ends a form-backed server function: a plain form post is redirected to `target`; the
/// hydrated app receives `target` and navigates itself.
pub fn finish_form(target: String) -> String {
    if plain_form_post() {
        redirect(&target);
    }
    target
}

/// Like `respond`, and for a plain form post that failed, sends the browser back to `back` with
/// the error's code (and the fields in `keep`) so the page can show what went wrong.
pub fn respond_form<T>(
    result: Result<T, AppError>,
    back: &str,
    keep: &[(&str, &str)],
) -> Result<T, AppError> {
    let result = respond(result);
    if let Err(e) = &result
        && plain_form_post()
    {
        let mut pairs = vec![("error", e.code())];
        pairs.extend_from_slice(keep);
        redirect(&format!("{back}{}", crate::model::url::query(&pairs)));
    }
    result
}
