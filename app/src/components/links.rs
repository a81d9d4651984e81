//! Links and the page's address, for code that runs on both sides. Pages render on the server,
//! where the request context knows the portal; islands also run in the browser, which has no
//! router and learns the portal's mode once, from the site the server wrote into the page.

use crate::model::PortalMode;

#[cfg(not(feature = "ssr"))]
static BROWSER_MODE: std::sync::OnceLock<PortalMode> = std::sync::OnceLock::new();

/// The browser's portal mode, set once at start-up (`crate::hydrate`).
#[cfg(not(feature = "ssr"))]
pub fn set_browser_mode(mode: PortalMode) {
    let _ = BROWSER_MODE.set(mode);
}

fn mode() -> Option<PortalMode> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::with_context(|t: &crate::model::TenantSite| t.mode.clone())
    }
    #[cfg(not(feature = "ssr"))]
    {
        BROWSER_MODE.get().cloned()
    }
}

/// The one place tenant links are built: `/courses` becomes `/<slug>/courses` for a visitor who
/// came by path and stays `/courses` on a subdomain or custom domain.
pub fn href(path: &str) -> String {
    match mode() {
        Some(mode) => mode.href(path),
        None => path.to_owned(),
    }
}

/// The address of the page being shown, path and query, as the visitor sees it (`/5q/courses`).
pub fn current_address() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::with_context(|parts: &axum::http::request::Parts| {
            parts.uri.path_and_query().map(|pq| pq.as_str().to_owned())
        })
        .flatten()
        .unwrap_or_else(|| "/".to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let location = leptos::prelude::window().location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    }
}

/// One parameter of the page's query string, decoded.
pub fn query_param(name: &str) -> Option<String> {
    let address = current_address();
    let (_, query) = address.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| crate::model::url::decode(value))
    })
}

/// Loads `target` as a new page: what a form's success leads to, now that pages are rendered
/// by the server (there is no client-side router to navigate with).
pub fn go_to(target: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = leptos::prelude::window().location().set_href(target);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = target;
}

/// Who is asking, as the server loaded them before rendering (`crate::request`): `None` for a
/// visitor who is not signed in, `Some(role)` for a signed-in person (`role` is `None` when they
/// are not a member here). Pages render on the server only, so no browser-side answer is needed.
pub fn viewer_role() -> Option<Option<crate::model::Role>> {
    #[cfg(feature = "ssr")]
    {
        use crate::auth::Viewer;
        leptos::prelude::with_context(|ctx: &crate::request::RequestContext| match &ctx.viewer {
            Viewer::Anonymous => None,
            Viewer::SignedIn { role, .. } => Some(*role),
        })
        .flatten()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
