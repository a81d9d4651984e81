//! Deleting a tenant from the console: typed confirmation, then a deletion scheduled after a
//! grace period (the portal is suspended meanwhile), cancellable until it runs. The job queue
//! runs it (`jobs::tenant_deletion`).

use crate::error::AppError;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::{sessions, tenants};
    use crate::error::AppError;
    use crate::jobs::tenant_deletion::{self, Request};
    use crate::model::FormError;
    use crate::model::new_tenant::checked_reason;

    const MAX_GRACE_DAYS: i64 = 90;

    pub async fn schedule(
        scope: &ConsoleScope,
        slug: &str,
        confirm: &str,
        grace_days: &str,
        reason: &str,
    ) -> Result<String, AppError> {
        if confirm.trim() != slug {
            return Err(AppError::Form(FormError::ConfirmationMismatch));
        }
        let days = match grace_days.trim() {
            "" => tenant_deletion::DEFAULT_GRACE_DAYS,
            given => given
                .parse::<i64>()
                .ok()
                .filter(|d| (1..=MAX_GRACE_DAYS).contains(d))
                .ok_or(AppError::Form(FormError::GraceOutOfRange))?,
        };
        let reason = checked_reason(reason).map_err(AppError::Form)?;
        let action = "console.tenant.deletion_scheduled";
        let tx = scope.begin_change(action).await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let run_at = chrono::Utc::now() + chrono::Duration::days(days);
        let request = Request {
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
            reason: reason.clone(),
            requested_by: scope.admin().id,
        };
        let scheduled = tenant_deletion::schedule(&tx, tenant.id, &request, run_at).await?;
        if !scheduled {
            // Already scheduled: nothing changes, and the page shows when it runs.
            return Ok(format!("/console/tenants/{slug}"));
        }
        // Meanwhile the portal is closed, as a suspension: nobody works in a tenant about to go.
        tenants::set_suspended(&tx, tenant.id, true).await?;
        let ended = sessions::end_all_as_platform(&tx, tenant.id).await?;
        scope
            .audit(
                &tx,
                action,
                Some(tenant.id),
                &reason,
                serde_json::json!({ "runs_at": run_at, "grace_days": days, "sessions_ended": ended }),
            )
            .await?;
        tx.commit().await?;
        tracing::info!(tenant = %slug, %run_at, "console: tenant deletion scheduled");
        Ok(format!("/console/tenants/{slug}"))
    }

    pub async fn cancel(
        scope: &ConsoleScope,
        slug: &str,
        reason: &str,
    ) -> Result<String, AppError> {
        let reason = checked_reason(reason).map_err(AppError::Form)?;
        let action = "console.tenant.deletion_cancelled";
        let tx = scope.begin_change(action).await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        if !tenant_deletion::cancel(&tx, tenant.id).await? {
            return Err(AppError::Form(FormError::NothingScheduled));
        }
        scope
            .audit(&tx, action, Some(tenant.id), &reason, serde_json::json!({}))
            .await?;
        tx.commit().await?;
        tracing::info!(tenant = %slug, "console: tenant deletion cancelled");
        Ok(format!("/console/tenants/{slug}"))
    }
}

/// Schedules a tenant's deletion after a grace period (days, 7 when left empty), once its slug
/// is typed to confirm; its portal is suspended meanwhile.
#[server(prefix = "/console/api", endpoint = "schedule_deletion")]
pub async fn console_schedule_deletion(
    slug: String,
    confirm: String,
    grace_days: String,
    reason: String,
) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result = serve_console(async |scope| {
        imp::schedule(scope, &slug, &confirm, &grace_days, &reason).await
    })
    .await;
    respond_form(result.map(finish_form), &back, &[])
}

/// Cancels a scheduled deletion. The tenant stays suspended until someone reactivates it.
#[server(prefix = "/console/api", endpoint = "cancel_deletion")]
pub async fn console_cancel_deletion(slug: String, reason: String) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result = serve_console(async |scope| imp::cancel(scope, &slug, &reason).await).await;
    respond_form(result.map(finish_form), &back, &[])
}
