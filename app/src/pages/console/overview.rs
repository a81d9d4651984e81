use crate::model::console::{AuditLine, TenantOverview, size};
use leptos::prelude::*;

/// Members by role, counts and storage, the tenant's leaders, and both audit trails' latest lines.
#[component]
pub fn Overview(overview: TenantOverview) -> impl IntoView {
    let o = overview;
    let stat = |label: &'static str, value: String, key: &'static str| {
        view! {
            <div class="rounded-md border border-slate-200 bg-white p-3">
                <dt class="text-xs text-slate-500">{label}</dt>
                <dd class="text-lg font-semibold tabular-nums text-slate-900" data-usage=key>{value}</dd>
            </div>
        }
    };
    view! {
        <section class="mt-8 max-w-3xl" aria-labelledby="usage-heading">
            <h2 id="usage-heading" class="text-lg font-semibold text-slate-900">"Usage"</h2>
            <dl class="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
                {stat("Members", o.members.to_string(), "members")}
                {stat("Courses", o.courses.to_string(), "courses")}
                {stat("Enrolments", o.enrolments.to_string(), "enrolments")}
                {stat("Uploaded files", size(o.storage_bytes), "storage")}
            </dl>
            <p class="mt-2 text-xs text-slate-500">"Tier quotas arrive with tenant administration."</p>
            <h3 class="mt-6 font-semibold text-slate-900">"Members by role"</h3>
            <ul class="mt-2 flex flex-wrap gap-3 text-sm">
                {o.members_by_role.into_iter().map(|(role, n)| view! {
                    <li class="rounded-full bg-slate-100 px-3 py-1" data-role=role.clone()>{format!("{role}: {n}")}</li>
                }).collect_view()}
            </ul>
            <h3 class="mt-6 font-semibold text-slate-900">"Owners and admins"</h3>
            <ul class="mt-2 space-y-1 text-sm">
                {o.leaders.into_iter().map(|(name, email, role)| view! {
                    <li>{format!("{name} <{email}> — {role}")}</li>
                }).collect_view()}
            </ul>
            <Trail title="Console actions" lines=o.console_entries testid="console-entries"/>
            <Trail title="In the portal" lines=o.tenant_entries testid="tenant-entries"/>
        </section>
    }
}

#[component]
fn Trail(title: &'static str, lines: Vec<AuditLine>, testid: &'static str) -> impl IntoView {
    let empty = lines.is_empty();
    view! {
        <h3 class="mt-6 font-semibold text-slate-900">{title}</h3>
        {empty.then(|| view! { <p class="mt-1 text-sm text-slate-600">"Nothing yet."</p> })}
        <table class="mt-2 w-full text-left text-sm" data-testid=testid>
            <caption class="sr-only">{title}</caption>
            <thead class="text-slate-500">
                <tr><th scope="col">"When (UTC)"</th><th scope="col">"Who"</th><th scope="col">"What"</th><th scope="col">"Note"</th></tr>
            </thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr class="border-t border-slate-100">
                        <td class="whitespace-nowrap py-1 pr-3">{l.at}</td>
                        <td class="py-1 pr-3">{l.actor}</td>
                        <td class="py-1 pr-3 font-mono">{l.action}</td>
                        <td class="py-1">{l.note}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
