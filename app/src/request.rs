//! Per-request values on the server. `provide_request_context` runs in the same way for page
//! rendering and for server-function calls, so the two paths cannot disagree about the tenant.

use crate::data::repos::Audience;
use crate::data::{Db, ResolvedTenant, TenantTx};
use crate::error::AppError;
use crate::model::Feature;
use leptos::prelude::{provide_context, use_context};

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

#[derive(Clone, Debug)]
pub struct RequestContext {
    pub db: Db,
    pub site: ServerSite,
}

pub fn provide_request_context(ctx: RequestContext) {
    provide_context(ctx);
}

/// The tenant a server function acts for. Only obtainable when the request resolved to one.
pub struct TenantScope {
    db: Db,
    tenant: ResolvedTenant,
}

impl TenantScope {
    pub fn current() -> Result<Self, AppError> {
        let ctx = use_context::<RequestContext>()
            .ok_or_else(|| AppError::internal("request context missing"))?;
        match ctx.site {
            ServerSite::Tenant { tenant, .. } => Ok(Self { db: ctx.db, tenant }),
            ServerSite::Platform => Err(AppError::NotFound),
        }
    }

    pub fn tenant(&self) -> &ResolvedTenant {
        &self.tenant
    }

    /// Refuses when the tenant has `feature` switched off: hiding the link is not enough.
    pub fn require(&self, feature: Feature) -> Result<(), AppError> {
        if self.tenant.features().has(feature) {
            Ok(())
        } else {
            Err(AppError::FeatureDisabled)
        }
    }

    pub async fn begin(&self) -> Result<TenantTx, AppError> {
        Ok(self.tenant.begin(&self.db).await?)
    }

    /// Who is asking. Everyone is the public until sign-in arrives.
    pub fn audience(&self) -> Audience {
        Audience::Public
    }
}

/// Gives a failed server function its HTTP status (server_fn answers 500 otherwise). During page
/// rendering the same call sets the page's status, so a missing course renders as a 404.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        crate::components::set_http_status(e.status());
        if e.status() < 500 {
            tracing::info!(error = %e, status = e.status(), "request refused");
        }
    }
    result
}
