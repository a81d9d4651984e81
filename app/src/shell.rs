//! The HTML document around the app. Rendered on the server only: it carries the tenant's theme,
//! favicon and the portal mode the browser's islands build links from.

use crate::App;
use crate::model::{Branding, Site};
use crate::shell_ids;
use leptos::prelude::*;
use leptos_meta::MetaTags;

/// Content-Security-Policy for rendered pages: scripts only from this site or with this
/// response's nonce (Leptos puts it on its hydration scripts), no plugins, no framing, no
/// `<base>`, and forms that post only here or to another portal of this platform (switching
/// portals without JavaScript redirects there). A second line of defence behind escaping,
/// Markdown sanitising and branding validation.
fn content_security_policy(nonce: &str, portals: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; font-src 'self'; \
         connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self' {portals}"
    )
}

/// Every portal on a subdomain of the platform, as a CSP source (`http://*.localhost:3000`).
fn platform_portals() -> String {
    with_context(|ctx: &crate::request::RequestContext| {
        let o = &ctx.origin;
        let scheme = if o.https { "https" } else { "http" };
        let port = o.port.map(|p| format!(":{p}")).unwrap_or_default();
        format!("{scheme}://*.{}{port}", o.root_domain)
    })
    .unwrap_or_default()
}

pub fn shell(options: LeptosOptions, site: Site) -> impl IntoView {
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) =
        axum::http::HeaderValue::from_str(&content_security_policy(&nonce, &platform_portals()))
    {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
    let tenant = match &site {
        Site::Tenant(t) => Some(t),
        Site::Platform => None,
    };
    // Both values below are built from validated parts (hex colours, escaped JSON), so they go
    // in as raw text: HTML-escaping would corrupt CSS and JSON inside these elements.
    let theme = tenant.map_or_else(
        || Branding::default().css_variables(),
        |t| t.branding.css_variables(),
    );
    let site_json = site.to_script_json();
    let favicon = tenant
        .and_then(|t| t.branding.favicon.as_ref().map(|f| f.src(&t.mode)))
        .unwrap_or_else(|| "/favicon.svg".to_owned());
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href=favicon/>
                <link rel="stylesheet" id="leptos" href=crate::assets::stylesheet(&options)/>
                <style id="atrium-theme" inner_html=theme></style>
                <script type="application/json" id=shell_ids::PORTAL_JSON inner_html=site_json></script>
                <AutoReload options=options.clone()/>
                {crate::assets::hydration_scripts(&options)}
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-stone-50 text-slate-900 antialiased">
                <App site/>
            </body>
        </html>
    }
}
