use super::layout::ConsoleFrame;
use crate::api::console::console_audit;
use crate::components::{ErrorNotice, query_param};
use crate::model::audit_trail::{AuditEntry, AuditQuery, AuditTrailPage};
use leptos::prelude::*;
use leptos_meta::Title;

fn query_from_address() -> AuditQuery {
    let get = |name: &str| query_param(name).unwrap_or_default();
    AuditQuery {
        tenant: get("tenant"),
        actor: get("actor"),
        action: get("action"),
        from: get("from"),
        to: get("to"),
        after: query_param("after"),
    }
}

/// The platform-wide audit trail: console actions and every tenant's log, with filters.
#[component]
pub fn ConsoleAuditPage() -> impl IntoView {
    let query = query_from_address();
    let for_fetch = query.clone();
    let trail = Resource::new(|| (), move |_| console_audit(for_fetch.clone()));
    view! {
        <Title text="Audit trail · Console"/>
        <ConsoleFrame current="audit">
            <h1 class="text-2xl font-bold text-slate-900">"Audit trail"</h1>
            <p class="mt-1 text-sm text-slate-600">
                "What super admins did in the console, and every tenant's own log: application events, row changes (kept by the database) and support-session requests. Newest first."
            </p>
            <Filters query=query.clone()/>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading…"</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        match trail.await {
                            Ok(page) => view! { <Entries page query/> }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </ConsoleFrame>
    }
    .into_any()
}

#[component]
fn Filters(query: AuditQuery) -> impl IntoView {
    let field = |id: &'static str,
                 label: &'static str,
                 value: String,
                 kind: &'static str,
                 hint: &'static str| {
        view! {
            <div>
                <label for=format!("audit-{id}") class="block text-sm font-medium text-slate-700">{label}</label>
                <input id=format!("audit-{id}") name=id type=kind value=value placeholder=hint
                    class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
            </div>
        }
    };
    view! {
        <form method="get" action="/console/audit" aria-label="Filter the audit trail"
            class="mt-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
            {field("tenant", "Tenant (slug)", query.tenant, "text", "5q")}
            {field("actor", "Actor (email)", query.actor, "email", "name@example.org")}
            {field("action", "Action starts with", query.action, "text", "console.")}
            {field("from", "From", query.from, "date", "")}
            {field("to", "To", query.to, "date", "")}
            <div class="flex items-end">
                <button type="submit" class="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Filter"</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn Entries(page: AuditTrailPage, query: AuditQuery) -> impl IntoView {
    if let Some(problem) = page.problem {
        return view! { <p role="alert" class="mt-6 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{problem}</p> }.into_any();
    }
    if page.entries.is_empty() {
        return view! { <p class="mt-6 text-sm text-slate-600">"No entries match."</p> }.into_any();
    }
    let next = page.next.map(|after| {
        let pairs = [
            ("tenant", query.tenant.as_str()),
            ("actor", query.actor.as_str()),
            ("action", query.action.as_str()),
            ("from", query.from.as_str()),
            ("to", query.to.as_str()),
            ("after", after.as_str()),
        ];
        let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        format!("/console/audit{}", crate::model::url::query(&kept))
    });
    view! {
        <div class="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class="min-w-full text-left text-sm">
                <caption class="sr-only">"Audit entries, newest first"</caption>
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        <th scope="col" class="px-3 py-2">"When"</th>
                        <th scope="col" class="px-3 py-2">"Where"</th>
                        <th scope="col" class="px-3 py-2">"Tenant"</th>
                        <th scope="col" class="px-3 py-2">"Who"</th>
                        <th scope="col" class="px-3 py-2">"Action"</th>
                        <th scope="col" class="px-3 py-2">"Details"</th>
                    </tr>
                </thead>
                <tbody>{page.entries.into_iter().map(|e| view! { <EntryRow e/> }).collect_view()}</tbody>
            </table>
        </div>
        {next.map(|href| view! {
            <p class="mt-4"><a href=href class="font-medium text-slate-900 underline" rel="next">"Older entries"</a></p>
        })}
    }
    .into_any()
}

#[component]
fn EntryRow(e: AuditEntry) -> impl IntoView {
    let who = match (e.actor, e.impersonator) {
        (Some(actor), Some(by)) if actor == by => format!("{actor} (support session)"),
        (Some(actor), Some(by)) => format!("{actor} (support session by {by})"),
        (Some(actor), None) => actor,
        (None, _) => "—".to_owned(),
    };
    view! {
        <tr class="border-t border-slate-100 align-top" data-testid="audit-row">
            <td class="whitespace-nowrap px-3 py-2">{e.at}</td>
            <td class="px-3 py-2">{e.source}</td>
            <td class="px-3 py-2 font-mono">{e.tenant.unwrap_or_else(|| "—".into())}</td>
            <td class="px-3 py-2">{who}</td>
            <td class="px-3 py-2 font-mono">{e.action}</td>
            <td class="px-3 py-2 text-slate-700">{e.note}</td>
        </tr>
    }
    .into_any()
}
