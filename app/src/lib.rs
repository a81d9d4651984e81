//! Atrium's Leptos application: routes, layouts, pages and server functions, plus the
//! server-only data layer behind the `ssr` feature.
//!
//! A request flows: host/path → tenant resolution (server/src/tenancy.rs) → `request` context →
//! Leptos route (`app::App`, tenant layout) → server function (`api`) → repository
//! (`data::repos`, tenant-scoped transaction) → PostgreSQL (Row-Level Security as backstop).

pub mod api;
mod app;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod data;
#[cfg(feature = "ssr")]
mod domain;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
mod shell;

pub use app::App;
#[cfg(feature = "ssr")]
pub use shell::shell;

/// Browser entry point: reads the site the server rendered, points server-function calls at the
/// same tenant prefix, and hydrates.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    use model::Site;

    let site = leptos::prelude::document()
        .get_element_by_id(shell_ids::SITE_JSON)
        .and_then(|el| el.text_content())
        .and_then(|json| serde_json::from_str::<Site>(&json).ok())
        .unwrap_or(Site::Platform);
    if let Site::Tenant(tenant) = &site
        && let model::PortalMode::Path { .. } = tenant.mode
    {
        // Path-mode tenants take their calls at /<slug>/api/…; set once per page load.
        let prefix: &'static str = Box::leak(tenant.mode.prefix().into_boxed_str());
        server_fn::client::set_server_url(prefix);
    }
    leptos::mount::hydrate_body(move || leptos::prelude::view! { <App site=site.clone()/> });
}

/// Element ids the shell writes and the browser reads.
pub mod shell_ids {
    pub const SITE_JSON: &str = "atrium-site";
}
