//! Policies: whether people may sign up or need an invitation, how long a session may idle and
//! how many sessions one person may hold, and which member level new members get.

use crate::error::AppError;
use crate::model::admin::{PolicyForm, PolicyView};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::{audit, levels, tenants};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::admin::{Policies, PolicyForm, PolicyView};
    use crate::model::levels::LevelChoice;
    use crate::request::TenantScope;

    pub async fn current(scope: &TenantScope) -> Result<PolicyView, AppError> {
        guards::admin(scope)?;
        let tenant = scope.tenant();
        let tx = scope.begin().await?;
        let default_level = levels::default_level(&tx).await?;
        let names = levels::names(&tx).await?;
        tx.commit().await?;
        Ok(PolicyView {
            policies: Policies {
                signup_open: tenant.signup_open(),
                idle_minutes: tenant.session_idle().as_secs() / 60,
                max_sessions: tenant.max_sessions(),
            },
            default_level: default_level.map(|id| id.to_string()),
            levels: names
                .into_iter()
                .map(|(id, name)| LevelChoice {
                    id: id.to_string(),
                    name,
                })
                .collect(),
        })
    }

    pub async fn save(scope: &TenantScope, form: &PolicyForm) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let policies = form.validate().map_err(AppError::Form)?;
        let tx = scope.begin().await?;
        let default_level =
            crate::api::admin::levels::imp::optional_level(&tx, &form.default_level).await?;
        levels::set_default(&tx, default_level).await?;
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
                "default_level": default_level,
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

/// The portal's current sign-up and session policies, and the level new members get.
#[server]
pub async fn admin_policies() -> Result<PolicyView, AppError> {
    crate::request::serve(async |scope| imp::current(scope).await).await
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
