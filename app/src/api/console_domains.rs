//! A tenant's custom domains, from the console: added unverified, verified by a DNS TXT record
//! (`_atrium-challenge.<host>` = the domain's token, looked up through `dns::TxtResolver`), and
//! removed. Only a verified domain routes to the portal.

use crate::error::AppError;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::tenants;
    use crate::domain::dns::challenge_name;
    use crate::error::AppError;
    use crate::model::FormError;
    use crate::model::new_tenant::{checked_reason, domain_is_valid};
    use sea_orm::SqlErr;

    fn reason_given(reason: &str) -> Result<String, AppError> {
        checked_reason(reason).map_err(AppError::Form)
    }

    fn host_of(typed: &str) -> Result<String, AppError> {
        let host = typed.trim().trim_end_matches('.').to_ascii_lowercase();
        if domain_is_valid(&host) {
            Ok(host)
        } else {
            Err(AppError::Form(FormError::DomainInvalid))
        }
    }

    pub async fn add(
        scope: &ConsoleScope,
        slug: &str,
        host: &str,
        reason: &str,
    ) -> Result<String, AppError> {
        let (host, reason) = (host_of(host)?, reason_given(reason)?);
        let tx = scope.begin_change("console.domain.added").await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        // Claimed by any tenant, this one included: the same answer, naming nobody.
        tenants::add_domain(&tx, tenant.id, &host, false)
            .await
            .map_err(|e| match e.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => {
                    AppError::Form(FormError::DomainTaken)
                }
                _ => e.into(),
            })?;
        scope
            .audit(
                &tx,
                "console.domain.added",
                Some(tenant.id),
                &reason,
                serde_json::json!({ "host": host }),
            )
            .await?;
        tx.commit().await?;
        Ok(format!("/console/tenants/{slug}"))
    }

    pub async fn verify(scope: &ConsoleScope, slug: &str, host: &str) -> Result<String, AppError> {
        let host = host_of(host)?;
        let tx = scope.begin_change("console.domain.verified").await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let domain = tenants::domains(&tx, tenant.id)
            .await?
            .into_iter()
            .find(|d| d.host == host)
            .ok_or(AppError::NotFound)?;
        let name = challenge_name(&host);
        let records = scope.context().resolver.txt(&name).await.map_err(|e| {
            tracing::warn!(error = %e, %name, "DNS lookup failed");
            AppError::Form(FormError::DnsLookupFailed)
        })?;
        if !records
            .iter()
            .any(|r| r.trim() == domain.verification_token)
        {
            tracing::info!(%name, found = records.len(), "domain challenge not found");
            return Err(AppError::Form(FormError::DomainUnverified));
        }
        tenants::mark_domain_verified(&tx, tenant.id, &host).await?;
        scope
            .audit(
                &tx,
                "console.domain.verified",
                Some(tenant.id),
                "DNS challenge found",
                serde_json::json!({ "host": host }),
            )
            .await?;
        tx.commit().await?;
        tracing::info!(tenant = %slug, %host, "console: domain verified");
        Ok(format!("/console/tenants/{slug}"))
    }

    pub async fn remove(
        scope: &ConsoleScope,
        slug: &str,
        host: &str,
        reason: &str,
    ) -> Result<String, AppError> {
        let (host, reason) = (host_of(host)?, reason_given(reason)?);
        let tx = scope.begin_change("console.domain.removed").await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        if !tenants::remove_domain(&tx, tenant.id, &host).await? {
            return Err(AppError::NotFound);
        }
        scope
            .audit(
                &tx,
                "console.domain.removed",
                Some(tenant.id),
                &reason,
                serde_json::json!({ "host": host }),
            )
            .await?;
        tx.commit().await?;
        Ok(format!("/console/tenants/{slug}"))
    }
}

/// Adds a custom domain, unverified until its DNS record is found.
#[server(prefix = "/console/api", endpoint = "add_domain")]
pub async fn console_add_domain(
    slug: String,
    host: String,
    reason: String,
) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result = serve_console(async |scope| imp::add(scope, &slug, &host, &reason).await).await;
    respond_form(result.map(finish_form), &back, &[])
}

/// Looks the domain's TXT challenge up and, when it is there, lets the domain route.
#[server(prefix = "/console/api", endpoint = "verify_domain")]
pub async fn console_verify_domain(slug: String, host: String) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result = serve_console(async |scope| imp::verify(scope, &slug, &host).await).await;
    respond_form(result.map(finish_form), &back, &[])
}

/// Removes a custom domain; it stops routing at once.
#[server(prefix = "/console/api", endpoint = "remove_domain")]
pub async fn console_remove_domain(
    slug: String,
    host: String,
    reason: String,
) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result = serve_console(async |scope| imp::remove(scope, &slug, &host, &reason).await).await;
    respond_form(result.map(finish_form), &back, &[])
}
