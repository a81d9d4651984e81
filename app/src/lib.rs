//! Atrium's Leptos application: routes, layouts, pages and server functions, plus the
//! server-only data layer behind the `ssr` feature.
//!
//! A request flows: host/path → tenant resolution (server/src/tenancy.rs) → `request` context →
//! Leptos route (`app::App`, tenant layout) → server function (`api`) → repository
//! (`data::repos`, tenant-scoped transaction) → PostgreSQL (Row-Level Security as backstop).

pub mod api;
mod app;
#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod components;
pub mod error;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod data;
#[cfg(feature = "ssr")]
mod domain;
/// Plans, subscriptions and payments: the provider interface, the lifecycle, signed events.
#[cfg(feature = "ssr")]
pub use domain::billing;
/// DNS lookups, which the server provides (and tests replace).
#[cfg(feature = "ssr")]
pub use domain::dns;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
mod shell;

pub use app::App;
#[cfg(feature = "ssr")]
pub use shell::shell;

/// Browser entry point. Pages are rendered on the server only (islands): the browser reads how
/// the visitor reached the portal, points links and server-function calls at the same tenant
/// prefix, and makes the interactive islands live. The script in `assets` then hydrates each
/// `<leptos-island>` and marks `<body data-hydrated>` (tests wait for it; without JavaScript
/// every page still works as plain HTML and forms).
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    let mode = leptos::prelude::document()
        .get_element_by_id(shell_ids::PORTAL_JSON)
        .and_then(|el| el.text_content())
        .and_then(|json| serde_json::from_str::<Option<model::PortalMode>>(&json).ok())
        .flatten();
    if let Some(mode) = mode {
        if let model::PortalMode::Path { .. } = mode {
            // Path-mode tenants take their calls at /<slug>/api/…; set once per page load.
            let prefix: &'static str = Box::leak(mode.prefix().into_boxed_str());
            server_fn::client::set_server_url(prefix);
        }
        components::set_browser_mode(mode);
    }
    leptos::mount::hydrate_islands();
}

/// Element ids the shell writes and the browser reads.
pub mod shell_ids {
    pub const PORTAL_JSON: &str = "atrium-portal";
}
