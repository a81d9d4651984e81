//! The HTML document around the app. Rendered on the server only: it carries the tenant's theme,
//! favicon and the site description the browser hydrates from.

use crate::App;
use crate::model::{Branding, Site};
use crate::shell_ids;
use leptos::prelude::*;
use leptos_meta::MetaTags;

pub fn shell(options: LeptosOptions, site: Site) -> impl IntoView {
    let branding = match &site {
        Site::Tenant(t) => t.branding.clone(),
        Site::Platform => Branding::default(),
    };
    // Both values below are built from validated parts (hex colours, escaped JSON), so they go
    // in as raw text: HTML-escaping would corrupt CSS and JSON inside these elements.
    let theme = branding.css_variables();
    let site_json = site.to_script_json();
    let favicon = branding
        .favicon
        .as_ref()
        .map(|f| f.as_str().to_owned())
        .unwrap_or_else(|| "/favicon.svg".to_owned());
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href=favicon/>
                <link rel="stylesheet" id="leptos" href="/pkg/atrium.css"/>
                <style id="atrium-theme" inner_html=theme></style>
                <script type="application/json" id=shell_ids::SITE_JSON inner_html=site_json></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-stone-50 text-slate-900 antialiased">
                <App site/>
            </body>
        </html>
    }
}
