//! Whether the tenant sells its assessments: when it does, quizzes are for members whose signed
//! plan or paid product includes the assessments area (`entitlements::check_assessments`);
//! otherwise every enrolled member takes them.

use crate::error::AppError;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::{audit, tenants};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::Feature;
    use crate::request::TenantScope;

    pub async fn set(scope: &TenantScope, sold: bool) -> Result<(), AppError> {
        scope.require(Feature::Ecommerce)?;
        let me = guards::admin(scope)?;
        let tx = scope.begin().await?;
        let mut settings = tenants::own_settings_for_update(&tx).await?;
        if !settings.is_object() {
            settings = serde_json::json!({});
        }
        settings["assessments"] = serde_json::json!(if sold { "sold" } else { "open" });
        tenants::set_own_settings(&tx, settings).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "tenant.assessments_sale_changed",
            "",
            serde_json::json!({ "sold": sold }),
        )
        .await?;
        tx.commit().await?;
        // As with the policies: this process's cache must not serve the old setting.
        scope.db().tenants().clear();
        Ok(())
    }
}

/// Sells the assessments (`sold=true`: quizzes need a plan or product that includes them) or
/// opens them to every enrolled member.
#[server]
pub async fn sell_assessments(sold: bool) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/offers", &[], async |scope| {
        imp::set(scope, sold).await?;
        let code = if sold {
            "assessments_sold"
        } else {
            "assessments_open"
        };
        Ok(finish_form(
            scope.href(&format!("/admin/offers?done={code}")),
        ))
    })
    .await
}
