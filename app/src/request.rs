//! Per-request values on the server. `provide_request_context` runs in the same way for page
//! rendering and for server-function calls, so the two paths cannot disagree about the tenant.

use crate::auth::{SignInLimiter, Viewer};
use crate::data::{Db, ResolvedTenant, TenantTx};
use crate::error::AppError;
use crate::model::{Feature, Origin, PortalMode, Site};
use leptos::prelude::{provide_context, use_context};
use std::net::IpAddr;
use std::sync::Arc;
use tower_sessions::Session;

/// Server side: what tenant resolution decided for this request (server/src/tenancy.rs). It
/// travels in the request's extensions and in `RequestContext`; the browser gets `Site`.
#[derive(Clone, Debug)]
pub enum RequestSite {
    /// The platform host itself.
    Platform,
    /// One tenant's portal, reached by `mode`.
    Portal {
        tenant: ResolvedTenant,
        mode: PortalMode,
    },
}

impl RequestSite {
    /// What the browser is told about this site.
    pub fn public(&self) -> Site {
        match self {
            RequestSite::Platform => Site::Platform,
            RequestSite::Portal { tenant, mode } => {
                Site::Tenant(Box::new(tenant.site(mode.clone())))
            }
        }
    }

    pub fn tenant(&self) -> Option<&ResolvedTenant> {
        match self {
            RequestSite::Platform => None,
            RequestSite::Portal { tenant, .. } => Some(tenant),
        }
    }
}

/// Server side: everything a page render or a server function may ask about its request. Built
/// in one place (server/src/routes.rs) and provided the same way to both.
#[derive(Clone)]
pub struct RequestContext {
    pub db: Db,
    pub site: RequestSite,
    /// The portal's session; present for tenant requests.
    pub session: Option<Session>,
    /// Who is asking, loaded with the session before the request was handled (anonymous on the
    /// platform host and for visitors without a session).
    pub viewer: Viewer,
    /// On the platform host under `/console`: the super admin of a live console session.
    pub console_admin: Option<crate::data::repos::console_sessions::SuperAdmin>,
    /// In a portal: the support session this request belongs to, if it is one.
    pub support: Option<crate::model::support::SupportGrant>,
    pub client_ip: Option<IpAddr>,
    pub limiter: Arc<SignInLimiter>,
    pub origin: Origin,
    /// Where uploaded files live: one folder per tenant id below it.
    pub upload_dir: std::path::PathBuf,
    /// DNS lookups (custom-domain verification).
    pub resolver: Arc<dyn crate::domain::dns::TxtResolver>,
    /// Whether this server sends mail (otherwise admins share invitation links themselves).
    pub mail_delivers: bool,
    /// The payment provider.
    pub payments: Arc<dyn crate::domain::billing::PaymentProvider>,
}

pub fn provide_request_context(ctx: RequestContext) {
    provide_context(ctx);
}

/// Server side: the tenant a server function acts for, only obtainable when the request
/// resolved to one.
pub struct TenantScope {
    ctx: RequestContext,
    tenant: ResolvedTenant,
    mode: PortalMode,
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
            RequestSite::Portal { tenant, mode } => Ok(Self { ctx, tenant, mode }),
            RequestSite::Platform => Err(AppError::NotFound),
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
        self.mode.href(path)
    }

    /// How the visitor reached this portal.
    pub fn mode(&self) -> &PortalMode {
        &self.mode
    }

    /// Refuses when the tenant has `feature` switched off: hiding the link is not enough.
    pub fn require(&self, feature: Feature) -> Result<(), AppError> {
        if self.tenant.features().has(feature) {
            Ok(())
        } else {
            Err(AppError::FeatureDisabled)
        }
    }

    /// A transaction of this tenant, acting for the signed-in person if there is one. In a
    /// support session it acts for the super admin, names them as impersonating (the row audit
    /// records both), and is read-only unless the session allows changes.
    pub async fn begin(&self) -> Result<TenantTx, AppError> {
        let db = &self.ctx.db;
        Ok(match &self.ctx.support {
            Some(grant) => {
                self.tenant
                    .begin_support(db, grant.admin_id, grant.write)
                    .await?
            }
            None => self.tenant.begin_as(db, self.ctx.viewer.user_id()).await?,
        })
    }

    /// The support session this request belongs to, if it is one.
    pub fn support(&self) -> Option<&crate::model::support::SupportGrant> {
        self.ctx.support.as_ref()
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

/// Whether this call is a plain HTML form post (no island sent it): browsers then ask for HTML.
pub fn plain_form_post() -> bool {
    leptos::prelude::with_context(|parts: &axum::http::request::Parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
    .unwrap_or(false)
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
/// island that sent it receives `target` and goes there itself.
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

/// How every server function runs: it acts for the request's tenant (a call that did not resolve
/// to one is a 404), and its result gets its HTTP status. Checks of features and permissions
/// are the body's first lines (`TenantScope::require`, `Viewer::require`, the studio's
/// `guard::with_course`).
pub async fn serve<T>(
    body: impl AsyncFnOnce(&TenantScope) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let result = match TenantScope::current() {
        Ok(scope) => body(&scope).await,
        Err(e) => Err(e),
    };
    respond(result)
}

/// `serve` for a function behind a form: when a plain form post (JavaScript off) fails, the
/// browser goes back to `back` (a path inside the portal) with the error's code and the fields
/// in `keep`; when it succeeds, a result that is a place to go (`finish_form`) is followed.
pub async fn serve_form<T>(
    back: &str,
    keep: &[(&str, &str)],
    body: impl AsyncFnOnce(&TenantScope) -> Result<T, AppError>,
) -> Result<T, AppError> {
    match TenantScope::current() {
        Ok(scope) => {
            let back = scope.href(back);
            respond_form(body(&scope).await, &back, keep)
        }
        Err(e) => respond(Err(e)),
    }
}
