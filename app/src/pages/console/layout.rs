use crate::api::console::ConsoleSignOut;
use crate::model::console::ConsoleAdminInfo;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The signed-in super admin, as the console layer found them for this request.
pub fn console_admin() -> Option<ConsoleAdminInfo> {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::request::RequestContext>()
            .and_then(|ctx| ctx.console_admin)
            .map(|a| ConsoleAdminInfo {
                display_name: a.display_name,
                email: a.email,
            })
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The console's sections, as its navigation names them.
const SECTIONS: [(&str, &str, &str); 5] = [
    ("tenants", "/console", "Tenants"),
    ("analytics", "/console/analytics", "Analytics"),
    ("usage", "/console/usage", "Noisy neighbours"),
    ("audit", "/console/audit", "Audit trail"),
    ("jobs", "/console/jobs", "Jobs"),
];

/// The console's frame: its name, its sections (`current` marked), the signed-in super admin
/// and a way out.
#[component]
pub fn ConsoleFrame(
    #[prop(default = "tenants")] current: &'static str,
    children: Children,
) -> impl IntoView {
    let admin = console_admin();
    let links = SECTIONS
        .iter()
        .map(|&(key, href, label)| {
            let here = (key == current).then_some("page");
            view! {
                <a href=href aria-current=here
                    class="rounded text-sm text-slate-200 hover:text-white aria-[current=page]:font-semibold aria-[current=page]:text-white aria-[current=page]:underline">
                    {label}
                </a>
            }
        })
        .collect_view();
    view! {
        <div class="min-h-screen bg-slate-50">
            <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900">
                "Skip to content"
            </a>
            <crate::components::DisclosureKeys/>
            // The focus ring reads on the dark header too.
            <header class="border-b border-slate-200 bg-slate-900 text-white [--brand-ink:#FCD34D]">
                <div class="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
                    <nav aria-label="Console" class="flex items-center gap-6">
                        <a href="/console" class="font-semibold tracking-tight">"Atrium console"</a>
                        {links}
                    </nav>
                    {admin.map(|a| view! {
                        <form method="post" action=ConsoleSignOut::url() class="flex items-center gap-3 text-sm">
                            <span class="text-slate-300" data-testid="console-admin">{a.display_name}</span>
                            <button type="submit" class="rounded-md border border-slate-500 px-3 py-1 hover:bg-slate-800">"Sign out"</button>
                        </form>
                    })}
                </div>
            </header>
            <main id="main" class="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children()}</main>
        </div>
    }
}
