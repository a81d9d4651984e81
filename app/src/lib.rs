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
pub mod model;
pub mod pages;
mod routes;

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
    // Lazy routes: the page's piece of the bundle loads before its part of the page hydrates, so
    // hydration is asynchronous. Once all of it is live, `data-hydrated` on <body> says so (tests
    // wait for it; without JavaScript the page works as plain HTML and forms).
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    // An error only means the executor was set up already.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async move {
        let app = move || leptos::prelude::view! { <App site=site.clone()/> };
        let mounted = leptos::mount::hydrate_from_async(body.clone(), app).await;
        mounted.forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

/// Element ids the shell writes and the browser reads.
pub mod shell_ids {
    pub const SITE_JSON: &str = "atrium-site";
}
