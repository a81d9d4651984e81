//! The platform console's server functions, under `/console/api/` so the console's cookie (Path
//! `/console`) reaches them. All but sign-in run through `serve_console`: a super admin or 404.
//! Signing in and out and the tenant list are here; one tenant's page and changes in `tenant`,
//! its deletion in `deletion`, the job queue in `jobs`.

mod analytics;
mod audit;
mod deletion;
pub mod export;
mod jobs;
mod support;
mod tenant;
mod usage;

pub use analytics::*;
pub use audit::*;
pub use deletion::*;
pub use jobs::*;
pub use support::*;
pub use tenant::*;
pub use usage::*;

use crate::error::AppError;
use crate::model::console::{SlugCheck, TenantListPage};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::api::auth::imp::{check_credentials, limited};
    use crate::auth::console::ConsoleScope;
    use crate::data::PlatformTx;
    use crate::data::repos::console_sessions;
    use crate::data::repos::platform_audit::{self, Entry};
    use crate::data::repos::{tenant_directory, tenants};
    use crate::data::session_store::USER_KEY;
    use crate::error::AppError;
    use crate::model::FormError;
    use crate::model::console::{SlugCheck, TenantListPage, TenantListQuery, TenantListRow};
    use crate::model::new_tenant::slug_problem;
    use crate::request::{RequestContext, RequestSite};
    use leptos::prelude::use_context;

    pub const PER_PAGE: u64 = 50;

    /// Signs a super admin in to the console. A wrong password and a person who is not a super
    /// admin get the same answer, so the form does not tell who is one.
    pub async fn sign_in(email: &str, password: &str) -> Result<String, AppError> {
        let ctx = use_context::<RequestContext>()
            .ok_or_else(|| AppError::internal("request context missing"))?;
        let (RequestSite::Platform, Some(session)) = (&ctx.site, ctx.session.as_ref()) else {
            return Err(AppError::NotFound);
        };
        let email = email.trim();
        limited(ctx.limiter.check(email, ctx.client_ip).await)?;
        let user = check_credentials(&ctx.db, email, password).await?;
        let tx = PlatformTx::begin_reading(&ctx.db, "console sign-in").await?;
        let admin = match user {
            Some(id) => console_sessions::super_admin(&tx, id).await?,
            None => None,
        };
        let Some(admin) = admin else {
            tx.commit().await?;
            ctx.limiter.failed(email, ctx.client_ip).await;
            tracing::info!("console sign-in refused");
            return Err(AppError::Form(FormError::InvalidCredentials));
        };
        platform_audit::record(
            &tx,
            Entry {
                actor: Some(admin.id),
                action: "console.signed_in",
                tenant: None,
                reason: "",
                details: serde_json::json!({}),
            },
        )
        .await?;
        tx.commit().await?;
        ctx.limiter.succeeded(email, ctx.client_ip).await;
        session.cycle_id().await.map_err(AppError::internal)?;
        session
            .insert(USER_KEY, admin.id)
            .await
            .map_err(AppError::internal)?;
        tracing::info!(admin = %admin.id, "console: signed in");
        Ok("/console".to_owned())
    }

    pub async fn sign_out(scope: &ConsoleScope) -> Result<String, AppError> {
        let tx = scope.read("console.signed_out", None).await?;
        tx.commit().await?;
        if let Some(session) = scope.context().session.as_ref() {
            session.flush().await.map_err(AppError::internal)?;
        }
        Ok("/console/signin".to_owned())
    }

    pub async fn tenants(
        scope: &ConsoleScope,
        query: &TenantListQuery,
    ) -> Result<TenantListPage, AppError> {
        let tx = scope.read("console.tenants.viewed", None).await?;
        let (rows, next) = tenant_directory::page(&tx, query, PER_PAGE).await?;
        tx.commit().await?;
        let rows = rows
            .into_iter()
            .map(|r| TenantListRow {
                slug: r.slug,
                name: r.name,
                status: r.status,
                tier: r.tier,
                domains: r.domain_hosts.unwrap_or_default(),
                members: r.members,
                courses: r.courses,
                enrolments: r.enrolments,
                active_learners: r.active_learners,
                revenue_cents: r.revenue_cents,
                active_subscriptions: r.active_subscriptions,
                created: r.created_at.format("%Y-%m-%d").to_string(),
            })
            .collect();
        Ok(TenantListPage { rows, next })
    }
    pub async fn check_slug(scope: &ConsoleScope, slug: &str) -> Result<SlugCheck, AppError> {
        if let Some(problem) = slug_problem(slug) {
            return Ok(SlugCheck {
                available: false,
                message: problem.message().to_owned(),
            });
        }
        let tx = PlatformTx::begin_reading(&scope.context().db, "console: slug check").await?;
        let taken = tenants::find_by_slug(&tx, slug.trim()).await?.is_some();
        tx.commit().await?;
        Ok(SlugCheck {
            available: !taken,
            message: if taken {
                FormError::SlugTaken.message().to_owned()
            } else {
                "Available.".to_owned()
            },
        })
    }
}

#[server(prefix = "/console/api", endpoint = "sign_in")]
pub async fn console_sign_in(email: String, password: String) -> Result<String, AppError> {
    use crate::request::{finish_form, respond_form};
    let result = imp::sign_in(&email, &password).await.map(finish_form);
    respond_form(result, "/console/signin", &[("email", email.trim())])
}

#[server(prefix = "/console/api", endpoint = "sign_out")]
pub async fn console_sign_out() -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::finish_form;
    serve_console(async |scope| imp::sign_out(scope).await.map(finish_form)).await
}

/// A page of the tenant list: the same parameters as the list page's address.
#[server(prefix = "/console/api", endpoint = "tenants")]
pub async fn console_tenants(
    search: Option<String>,
    status: Option<String>,
    tier: Option<String>,
    sort: Option<String>,
    after: Option<String>,
) -> Result<TenantListPage, AppError> {
    use crate::auth::console::serve_console;
    let query =
        crate::model::console::TenantListQuery::from_params(search, status, tier, sort, after);
    serve_console(async |scope| imp::tenants(scope, &query).await).await
}

/// Whether a slug can be used for a new tenant, as it is typed.
#[server(prefix = "/console/api", endpoint = "check_slug")]
pub async fn console_check_slug(slug: String) -> Result<SlugCheck, AppError> {
    use crate::auth::console::serve_console;
    serve_console(async |scope| imp::check_slug(scope, &slug).await).await
}
