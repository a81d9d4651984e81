//! One tenant in the console: provisioning it, its page, its configuration and its suspension.

use crate::error::AppError;
use crate::model::console::TenantSummary;
use crate::model::new_tenant::NewTenantForm;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::{sessions, tenants};
    use crate::domain::provisioning;
    use crate::error::AppError;
    use crate::model::console::{
        AuditLine, DomainInfo, Provisioned, TenantOverview, TenantSummary,
    };
    use crate::model::new_tenant::{NewTenantForm, checked_reason};
    use crate::model::tenant_edit::TenantEditForm;
    use crate::model::{AssetUrl, Branding};

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
        let deletion_due = crate::jobs::tenant_deletion::scheduled_for(&tx, tenant.id)
            .await?
            .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string());
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
        Ok(TenantSummary {
            path_url: format!("/{}", tenant.slug),
            subdomain_url: origin.url(&format!("{}.{}", tenant.slug, origin.root_domain), "/"),
            slug: tenant.slug,
            name: tenant.name,
            status: tenant.status,
            tier: tenant.tier,
            primary: tenant.primary_color,
            created: take_provisioned(scope, slug).await,
            settings,
            domains,
            overview,
            deletion_due,
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
        let reason = checked_reason(reason).map_err(AppError::Form)?;
        let action = if suspend {
            "console.tenant.suspended"
        } else {
            "console.tenant.reactivated"
        };
        let tx = scope.begin_change(action).await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        if !suspend
            && crate::jobs::tenant_deletion::scheduled_for(&tx, tenant.id)
                .await?
                .is_some()
        {
            return Err(AppError::Form(crate::model::FormError::DeletionScheduled));
        }
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
                &reason,
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
