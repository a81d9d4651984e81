use crate::model::{Feature, TenantSite};
use crate::pages::NotFoundPage;
use leptos::prelude::*;

/// Renders its children only when the tenant has `feature` on; otherwise the 404 page, so a
/// disabled feature's routes answer as if they did not exist.
#[component]
pub fn FeatureGate(feature: Feature, children: ChildrenFn) -> impl IntoView {
    if with_context(|tenant: &TenantSite| tenant.features.has(feature)).unwrap_or(false) {
        children().into_any()
    } else {
        view! { <NotFoundPage/> }.into_any()
    }
}
