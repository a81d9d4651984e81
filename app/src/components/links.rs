use crate::model::TenantSite;
use leptos::prelude::use_context;

/// The one place tenant links are built: `/courses` becomes `/<slug>/courses` for a visitor who
/// came by path and stays `/courses` on a subdomain or custom domain. (The router's `base` only
/// matches routes; it does not rewrite absolute hrefs.)
pub fn href(path: &str) -> String {
    match use_context::<TenantSite>() {
        Some(tenant) => tenant.href(path),
        None => path.to_owned(),
    }
}
