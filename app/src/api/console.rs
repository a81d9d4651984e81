//! The platform console's server functions, under `/console/api/` so the console's cookie (Path
//! `/console`) reaches them. All but sign-in run through `serve_console`: a super admin or 404.

use crate::error::AppError;
use crate::model::console::{SlugCheck, TenantListPage, TenantSummary};
use crate::model::new_tenant::NewTenantForm;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::api::auth::imp::{check_credentials, limited};
    use crate::auth::console::ConsoleScope;
    use crate::data::PlatformTx;
    use crate::data::repos::console_sessions;
    use crate::data::repos::platform_audit::{self, Entry};
    use crate::data::repos::tenant_directory;
    use crate::data::repos::{sessions, tenants};
    use crate::data::session_store::USER_KEY;
    use crate::domain::provisioning;
    use crate::error::AppError;
    use crate::model::FormError;
    use crate::model::console::{
        AuditLine, DomainInfo, Provisioned, SlugCheck, TenantListPage, TenantListQuery,
        TenantListRow, TenantOverview, TenantSummary,
    };
    use crate::model::new_tenant::{NewTenantForm, slug_problem};
    use crate::model::tenant_edit::TenantEditForm;
    use crate::model::{AssetUrl, Branding};
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
        limited(ctx.limiter.check(email, ctx.client_ip))?;
        let user = check_credentials(&ctx.db, email, password).await?;
        let tx = PlatformTx::begin_reading(&ctx.db, "console sign-in").await?;
        let admin = match user {
            Some(id) => console_sessions::super_admin(&tx, id).await?,
            None => None,
        };
        let Some(admin) = admin else {
            tx.commit().await?;
            ctx.limiter.failed(email, ctx.client_ip);
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
        ctx.limiter.succeeded(email, ctx.client_ip);
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

    pub async fn create_tenant(
        scope: &ConsoleScope,
        form: &NewTenantForm,
    ) -> Result<String, AppError> {
        // Checked before anything is opened, so a typo costs no transaction.
        let valid = form.validate().map_err(AppError::Form)?;
        let tx = scope.begin_change("console.tenant.created").await?;
        let (tenant_id, made) = provisioning::provision(&tx, &valid, scope.admin().id).await?;
        scope
            .audit(
                &tx,
                "console.tenant.created",
                Some(tenant_id),
                &valid.reason,
                serde_json::json!({
                    "slug": made.slug,
                    "owner": valid.owner_email,
                    "owner_invited": !made.owner_joined,
                    "domain": valid.domain,
                }),
            )
            .await?;
        tx.commit().await?;
        tracing::info!(tenant = %made.slug, "console: tenant provisioned");
        if let Some(session) = scope.context().session.as_ref() {
            session
                .insert(&provisioned_key(&made.slug), &made)
                .await
                .map_err(AppError::internal)?;
        }
        Ok(format!("/console/tenants/{}", made.slug))
    }

    fn provisioned_key(slug: &str) -> String {
        format!("provisioned:{slug}")
    }

    /// What provisioning `slug` produced, shown once (the invitation link is not kept anywhere
    /// else in readable form).
    pub async fn take_provisioned(scope: &ConsoleScope, slug: &str) -> Option<Provisioned> {
        let session = scope.context().session.as_ref()?;
        session
            .remove::<Provisioned>(&provisioned_key(slug))
            .await
            .ok()
            .flatten()
    }

    pub async fn tenant(scope: &ConsoleScope, slug: &str) -> Result<TenantSummary, AppError> {
        let tx = scope.begin_read("console.tenant.viewed").await?;
        let found = tenants::find_by_slug(&tx, slug).await?;
        let Some(tenant) = found else {
            return Err(AppError::NotFound);
        };
        scope
            .audit(
                &tx,
                "console.tenant.viewed",
                Some(tenant.id),
                "",
                serde_json::json!({}),
            )
            .await?;
        let domains = tenants::domains(&tx, tenant.id).await?;
        let mut overview = overview_of(&tx, tenant.id).await?;
        tx.commit().await?;
        let dir = scope.context().upload_dir.join(tenant.id.to_string());
        overview.storage_bytes = tokio::task::spawn_blocking(move || folder_size(&dir))
            .await
            .unwrap_or(0);
        let domains = domains
            .into_iter()
            .map(|d| DomainInfo {
                record_name: crate::domain::dns::challenge_name(&d.host),
                verified: d.verified_at.is_some(),
                token: d.verification_token,
                host: d.host,
            })
            .collect();
        let settings = TenantEditForm {
            name: tenant.name.clone(),
            tier: tenant.tier.clone(),
            courses: tenant.feature_courses,
            assessments: tenant.feature_assessments,
            community: tenant.feature_community,
            ecommerce: tenant.feature_ecommerce,
            primary: tenant.primary_color.clone(),
            secondary: tenant.secondary_color.clone(),
            accent: tenant.accent_color.clone(),
            signup: match tenant.settings.get("signup").and_then(|v| v.as_str()) {
                Some("invite") => "invite".to_owned(),
                _ => "open".to_owned(),
            },
            idle_minutes: session_setting(&tenant.settings, "idle_minutes", 7 * 24 * 60),
            max_sessions: session_setting(&tenant.settings, "max_sessions", 5),
            reason: String::new(),
        };
        let origin = &scope.context().origin;
        let scheme = if origin.https { "https" } else { "http" };
        let port = origin.port.map(|p| format!(":{p}")).unwrap_or_default();
        Ok(TenantSummary {
            path_url: format!("/{}", tenant.slug),
            subdomain_url: format!("{scheme}://{}.{}{port}/", tenant.slug, origin.root_domain),
            slug: tenant.slug,
            name: tenant.name,
            status: tenant.status,
            tier: tenant.tier,
            primary: tenant.primary_color,
            created: take_provisioned(scope, slug).await,
            settings,
            domains,
            overview,
        })
    }

    async fn overview_of(
        tx: &crate::data::PlatformTx,
        tenant_id: uuid::Uuid,
    ) -> Result<TenantOverview, AppError> {
        use crate::data::repos::tenant_overview as o;
        let line = |e: o::Entry| AuditLine {
            action: e.action,
            actor: e.actor.unwrap_or_else(|| "—".to_owned()),
            note: e.note,
            at: e.created_at.format("%Y-%m-%d %H:%M").to_string(),
        };
        let counts = o::counts(tx, tenant_id).await?;
        Ok(TenantOverview {
            members_by_role: o::members_by_role(tx, tenant_id)
                .await?
                .into_iter()
                .map(|r| (r.role, r.members))
                .collect(),
            leaders: o::leaders(tx, tenant_id)
                .await?
                .into_iter()
                .map(|l| (l.display_name, l.email, l.role))
                .collect(),
            members: counts.members,
            courses: counts.courses,
            enrolments: counts.enrolments,
            storage_bytes: 0,
            console_entries: o::platform_entries(tx, tenant_id)
                .await?
                .into_iter()
                .map(line)
                .collect(),
            tenant_entries: o::tenant_entries(tx, tenant_id)
                .await?
                .into_iter()
                .map(line)
                .collect(),
        })
    }

    /// Bytes of the files under `dir` (a tenant's uploads); 0 when it does not exist.
    fn folder_size(dir: &std::path::Path) -> u64 {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| match e.metadata() {
                        Ok(m) if m.is_dir() => folder_size(&e.path()),
                        Ok(m) => m.len(),
                        Err(_) => 0,
                    })
                    .sum()
            })
            .unwrap_or(0)
    }

    fn session_setting(settings: &serde_json::Value, key: &str, default: u64) -> String {
        settings
            .get("session")
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_u64())
            .unwrap_or(default)
            .to_string()
    }

    /// Changes a tenant's configuration; the change shows on the portal's next request (the
    /// commit empties the tenant cache here, and NOTIFY empties it on other instances).
    pub async fn update_tenant(
        scope: &ConsoleScope,
        slug: &str,
        form: &TenantEditForm,
    ) -> Result<String, AppError> {
        let valid = form.validate().map_err(AppError::Form)?;
        let tx = scope.begin_change("console.tenant.updated").await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let branding = Branding {
            primary: valid.primary.clone(),
            secondary: valid.secondary.clone(),
            accent: valid.accent.clone(),
            logo: tenant
                .logo_url
                .as_deref()
                .and_then(|u| AssetUrl::parse(u).ok()),
            favicon: tenant
                .favicon_url
                .as_deref()
                .and_then(|u| AssetUrl::parse(u).ok()),
        };
        let settings = valid.merged_settings(&tenant.settings);
        let before = serde_json::json!({
            "name": tenant.name, "tier": tenant.tier, "primary": tenant.primary_color,
            "secondary": tenant.secondary_color, "accent": tenant.accent_color,
            "features": [tenant.feature_courses, tenant.feature_assessments,
                         tenant.feature_community, tenant.feature_ecommerce],
            "settings": tenant.settings,
        });
        tenants::update_portal(
            &tx,
            tenant.id,
            tenants::PortalChanges {
                name: Some(&valid.name),
                branding: Some(&branding),
                features: Some(valid.features),
                tier: Some(valid.tier),
                settings: Some(settings.clone()),
            },
        )
        .await?;
        let after = serde_json::json!({
            "name": valid.name, "tier": valid.tier.as_str(), "primary": valid.primary.as_str(),
            "secondary": valid.secondary.as_str(), "accent": valid.accent.as_str(),
            "features": [valid.features.courses, valid.features.assessments,
                         valid.features.community, valid.features.ecommerce],
            "settings": settings,
        });
        scope
            .audit(
                &tx,
                "console.tenant.updated",
                Some(tenant.id),
                &valid.reason,
                serde_json::json!({ "before": before, "after": after }),
            )
            .await?;
        tx.commit().await?;
        tracing::info!(tenant = %slug, "console: tenant updated");
        Ok(format!("/console/tenants/{slug}"))
    }
    /// Suspends (the portal answers "unavailable" at once and its sessions end; its data stays)
    /// or reactivates a tenant, with the reason in the audit trail.
    pub async fn set_suspended(
        scope: &ConsoleScope,
        slug: &str,
        suspend: bool,
        reason: &str,
    ) -> Result<String, AppError> {
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 500 {
            return Err(AppError::Form(FormError::ReasonRequired));
        }
        let action = if suspend {
            "console.tenant.suspended"
        } else {
            "console.tenant.reactivated"
        };
        let tx = scope.begin_change(action).await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        tenants::set_suspended(&tx, tenant.id, suspend).await?;
        let ended = if suspend {
            sessions::end_all_as_platform(&tx, tenant.id).await?
        } else {
            0
        };
        scope
            .audit(
                &tx,
                action,
                Some(tenant.id),
                reason,
                serde_json::json!({ "sessions_ended": ended }),
            )
            .await?;
        // Committing empties this process's tenant cache; other instances hear the tenants
        // trigger's NOTIFY.
        tx.commit().await?;
        tracing::info!(tenant = %slug, suspend, ended, "console: tenant status changed");
        Ok(format!("/console/tenants/{slug}"))
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

/// Creates a tenant with its first owner (and custom domain) in one transaction, then goes to its
/// page, where a new owner's invitation link is shown once.
#[server(prefix = "/console/api", endpoint = "create_tenant")]
pub async fn console_create_tenant(form: NewTenantForm) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let keep = [
        ("name", form.name.as_str()),
        ("slug", form.slug.as_str()),
        ("owner", form.owner_email.as_str()),
        ("domain", form.domain.as_str()),
    ];
    let result = serve_console(async |scope| imp::create_tenant(scope, &form).await).await;
    respond_form(result.map(finish_form), "/console/tenants/new", &keep)
}

/// A tenant's page in the console.
#[server(prefix = "/console/api", endpoint = "tenant")]
pub async fn console_tenant(slug: String) -> Result<TenantSummary, AppError> {
    use crate::auth::console::serve_console;
    serve_console(async |scope| imp::tenant(scope, &slug).await).await
}

/// Suspends a tenant, with a reason: its portal answers "unavailable" and its sessions end.
#[server(prefix = "/console/api", endpoint = "suspend_tenant")]
pub async fn console_suspend_tenant(slug: String, reason: String) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result =
        serve_console(async |scope| imp::set_suspended(scope, &slug, true, &reason).await).await;
    respond_form(result.map(finish_form), &back, &[])
}

/// Reactivates a suspended tenant, with a reason.
#[server(prefix = "/console/api", endpoint = "reactivate_tenant")]
pub async fn console_reactivate_tenant(slug: String, reason: String) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result =
        serve_console(async |scope| imp::set_suspended(scope, &slug, false, &reason).await).await;
    respond_form(result.map(finish_form), &back, &[])
}

/// Saves a tenant's configuration, with the reason the audit trail keeps.
#[server(prefix = "/console/api", endpoint = "update_tenant")]
pub async fn console_update_tenant(
    slug: String,
    form: crate::model::tenant_edit::TenantEditForm,
) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result = serve_console(async |scope| imp::update_tenant(scope, &slug, &form).await).await;
    respond_form(result.map(finish_form), &back, &[])
}
