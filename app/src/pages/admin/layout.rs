use crate::components::{PermissionGate, href, query_param};
use crate::error::AppError;
use crate::model::Permission;
use leptos::prelude::*;

/// The admin area's sections, in navigation order: (path, label).
const SECTIONS: [(&str, &str); 12] = [
    ("/admin/members", "Members"),
    ("/admin/invitations", "Invitations"),
    ("/admin/levels", "Levels"),
    ("/admin/branding", "Branding"),
    ("/admin/policies", "Policies"),
    ("/admin/plan", "Plan and usage"),
    ("/admin/offers", "Plans and products"),
    ("/admin/subscribers", "Subscribers"),
    ("/admin/payments", "Payments"),
    ("/admin/certificates", "Certificates"),
    ("/admin/audit", "Audit log"),
    ("/admin/analytics", "Analytics"),
];

/// The admin area's frame: the gate (owners and admins; 401/403 pages for others), the section
/// tabs, and the outcome of the last form (`?done=` or `?error=`).
#[component]
pub fn AdminLayout(
    /// This section's path, one of `SECTIONS`.
    current: &'static str,
    title: &'static str,
    /// What `?done=<code>` means on this page.
    done: fn(&str) -> Option<&'static str>,
    children: ChildrenFn,
) -> impl IntoView {
    let problem = query_param("error").and_then(|code| AppError::message_for_code(&code));
    let success = query_param("done").and_then(|code| done(&code));
    view! {
        <PermissionGate permission=Permission::Administer note="The admin area is for this organisation's owners and admins.">
            <section class="mx-auto max-w-6xl px-4 py-10 sm:px-6">
                <p class="text-sm font-medium text-slate-500">"Admin"</p>
                <h1 class="text-3xl font-bold text-slate-900">{title}</h1>
                <nav aria-label="Admin sections" class="mt-6 flex flex-wrap gap-2 border-b border-slate-200">
                    {SECTIONS.iter().map(|(path, label)| {
                        let here = *path == current;
                        view! {
                            <a href=href(path) aria-current=here.then_some("page")
                                class=if here {
                                    "-mb-px rounded-t-md border border-b-white border-slate-200 bg-white px-4 py-2 text-sm font-semibold text-slate-900"
                                } else {
                                    "px-4 py-2 text-sm font-medium text-slate-600 hover:text-slate-900"
                                }>
                                {*label}
                            </a>
                        }
                    }).collect_view()}
                </nav>
                {problem.clone().map(|m| view! {
                    <p role="alert" class="mt-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{m}</p>
                })}
                {success.map(|m| view! {
                    <p role="status" class="mt-6 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{m}</p>
                })}
                <div class="mt-6">{children()}</div>
            </section>
        </PermissionGate>
    }
    .into_any()
}

/// Tailwind classes shared by the admin pages.
pub(super) mod ui {
    pub const INPUT: &str = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
    pub const LABEL: &str = "block text-sm font-medium text-slate-700";
    pub const PRIMARY: &str = "rounded-md bg-brand px-4 py-2 font-semibold text-brand-contrast";
    pub const SMALL: &str = "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";
    pub const DANGER: &str = "rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-800 hover:bg-red-50";
    pub const CARD: &str = "rounded-xl border border-slate-200 bg-white p-5";
}
