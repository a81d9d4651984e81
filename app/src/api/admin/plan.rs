//! The plan: the tenant's tier, the features its admins switch on within it, and how much of
//! each quota is used.

use crate::error::AppError;
use crate::model::plans::PlanView;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::{audit, tenants};
    use crate::domain::{guards, quotas};
    use crate::error::AppError;
    use crate::model::plans::{FeatureChoice, Plan, PlanView};
    use crate::model::{Feature, Features, FormError};
    use crate::request::TenantScope;

    const ALL: [Feature; 4] = [
        Feature::Courses,
        Feature::Assessments,
        Feature::Community,
        Feature::Ecommerce,
    ];

    pub async fn view(scope: &TenantScope) -> Result<PlanView, AppError> {
        guards::admin(scope)?;
        let tier = scope.tenant().tier();
        let plan = Plan::of(tier);
        let on = scope.tenant().features();
        let tx = scope.begin().await?;
        let quotas = quotas::usage(scope, &tx).await?;
        tx.commit().await?;
        Ok(PlanView {
            tier,
            features: ALL
                .into_iter()
                .map(|feature| FeatureChoice {
                    feature,
                    on: on.has(feature),
                    available_on: (!plan.features.has(feature)).then(|| Plan::lowest_with(feature)),
                })
                .collect(),
            quotas,
        })
    }

    /// Switches features within the plan. One the plan lacks may stay on if the platform
    /// switched it on, but no admin can switch it on.
    pub async fn save(scope: &TenantScope, wanted: Features) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let plan = Plan::of(scope.tenant().tier());
        let now = scope.tenant().features();
        for feature in ALL {
            if wanted.has(feature) && !now.has(feature) && !plan.features.has(feature) {
                return Err(FormError::FeatureNotInPlan.into());
            }
        }
        let tx = scope.begin().await?;
        tenants::set_own_features(&tx, wanted).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "tenant.features_changed",
            "",
            serde_json::json!({
                "courses": wanted.courses,
                "assessments": wanted.assessments,
                "community": wanted.community,
                "ecommerce": wanted.ecommerce,
            }),
        )
        .await?;
        tx.commit().await?;
        // This process's next request must not see the old features (others hear the NOTIFY).
        scope.db().tenants().clear();
        Ok(())
    }
}

/// The tier, its features and the quotas' use.
#[server]
pub async fn admin_plan() -> Result<PlanView, AppError> {
    crate::request::serve(async |scope| imp::view(scope).await).await
}

/// Switches features on or off within the tier (unticked boxes are not sent: off).
#[server]
pub async fn save_features(
    #[server(default)] courses: bool,
    #[server(default)] assessments: bool,
    #[server(default)] community: bool,
    #[server(default)] ecommerce: bool,
) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    let wanted = crate::model::Features {
        courses,
        assessments,
        community,
        ecommerce,
    };
    serve_form("/admin/plan", &[], async |scope| {
        imp::save(scope, wanted).await?;
        Ok(finish_form(scope.href("/admin/plan?done=features")))
    })
    .await
}
