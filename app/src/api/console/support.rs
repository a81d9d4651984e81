//! Switching into a tenant: the console opens a support session (reason, at most 60 minutes,
//! read-only unless write access is ticked) and sends the super admin to the portal's way in.

use crate::error::AppError;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::{sessions, support_sessions, tenants};
    use crate::domain::provisioning::random_token;
    use crate::error::AppError;
    use crate::model::FormError;
    use crate::model::new_tenant::checked_reason;

    pub async fn start(
        scope: &ConsoleScope,
        slug: &str,
        reason: &str,
        minutes: &str,
        write: bool,
    ) -> Result<String, AppError> {
        let reason = checked_reason(reason).map_err(AppError::Form)?;
        let minutes = match minutes.trim() {
            "" => 30,
            given => given
                .parse::<i32>()
                .ok()
                .filter(|m| (5..=60).contains(m))
                .ok_or(AppError::Form(FormError::SupportDuration))?,
        };
        let action = "console.support.started";
        let tx = scope.begin_change(action).await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        if tenant.status != "active" {
            return Err(AppError::TenantUnavailable);
        }
        let token = random_token();
        let admin = scope.admin();
        let id = support_sessions::open(
            &tx,
            support_sessions::NewSupport {
                tenant_id: tenant.id,
                admin_id: admin.id,
                admin_name: &admin.display_name,
                reason: &reason,
                minutes,
                write,
                entry_hash: &sessions::hash_id(&token),
            },
        )
        .await?;
        scope
            .audit(
                &tx,
                action,
                Some(tenant.id),
                &reason,
                serde_json::json!({ "support_session": id, "minutes": minutes, "write": write }),
            )
            .await?;
        tx.commit().await?;
        tracing::info!(tenant = %slug, minutes, write, "console: support session opened");
        // The portal's way in, by path on the platform host (where the console also answers).
        Ok(scope
            .context()
            .origin
            .platform_url(&format!("/{slug}/support?token={token}")))
    }
}

/// Opens a support session in a tenant's portal and goes there.
#[server(prefix = "/console/api", endpoint = "start_support")]
pub async fn console_start_support(
    slug: String,
    reason: String,
    minutes: String,
    write: Option<String>,
) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let back = format!("/console/tenants/{slug}");
    let result = serve_console(async |scope| {
        imp::start(scope, &slug, &reason, &minutes, write.is_some()).await
    })
    .await;
    respond_form(result.map(finish_form), &back, &[])
}
