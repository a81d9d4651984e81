//! Policies: whether people may sign up or need an invitation, how long a session may idle and
//! how many sessions one person may hold.

use crate::error::AppError;
use crate::model::admin::{Policies, PolicyForm};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::{audit, tenants};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::admin::{Policies, PolicyForm};
    use crate::request::TenantScope;

    pub fn current(scope: &TenantScope) -> Result<Policies, AppError> {
        guards::admin(scope)?;
        let tenant = scope.tenant();
        Ok(Policies {
            signup_open: tenant.signup_open(),
            idle_minutes: tenant.session_idle().as_secs() / 60,
            max_sessions: tenant.max_sessions(),
        })
    }

    pub async fn save(scope: &TenantScope, form: &PolicyForm) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let policies = form.validate().map_err(AppError::Form)?;
        let tx = scope.begin().await?;
        let settings = tenants::own_settings_for_update(&tx).await?;
        tenants::set_own_settings(&tx, policies.merged_into(&settings)).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "tenant.policies_changed",
            "",
            serde_json::json!({
                "signup": if policies.signup_open { "open" } else { "invite" },
                "idle_minutes": policies.idle_minutes,
                "max_sessions": policies.max_sessions,
            }),
        )
        .await?;
        tx.commit().await?;
        // The next request of this process must not read the old policies from its cache
        // (other processes hear of the change through the tenants trigger's NOTIFY).
        scope.db().tenants().clear();
        Ok(())
    }
}

/// The portal's current sign-up and session policies.
#[server]
pub async fn admin_policies() -> Result<Policies, AppError> {
    crate::request::serve(async |scope| imp::current(scope)).await
}

/// Saves the sign-up and session policies (within the offered bounds).
#[server]
pub async fn save_policies(form: PolicyForm) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/policies", &[], async |scope| {
        imp::save(scope, &form).await?;
        Ok(finish_form(scope.href("/admin/policies?done=saved")))
    })
    .await
}
