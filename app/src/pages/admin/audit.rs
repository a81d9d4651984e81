use super::layout::{AdminLayout, ui};
use crate::api::admin::audit::admin_audit;
use crate::components::{ErrorNotice, href, query_param};
use crate::model::audit_trail::{AuditEntry, AuditTrailPage};
use crate::model::url::query;
use leptos::prelude::*;
use leptos_meta::Title;

fn done(_: &str) -> Option<&'static str> {
    None
}

/// The tenant's audit log: members' actions, row changes and support sessions, newest first,
/// filtered by actor and action, 50 a page, with the same view as a CSV download.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let (actor, action, after) = (
        query_param("actor").unwrap_or_default(),
        query_param("action").unwrap_or_default(),
        query_param("after"),
    );
    let page = Resource::new(|| (), {
        let (actor, action, after) = (actor.clone(), action.clone(), after.clone());
        move |_| admin_audit(actor.clone(), action.clone(), after.clone())
    });
    let csv = href(&format!(
        "/admin/audit.csv{}",
        query(&[("actor", &actor), ("action", &action)])
    ));
    view! {
        <Title text="Audit log"/>
        <AdminLayout current="/admin/audit" title="Audit log" done=done>
            <form method="get" role="search" class="flex flex-col gap-3 sm:flex-row sm:items-end" aria-label="Filter the audit log">
                <div class="flex-1">
                    <label for="audit-actor" class=ui::LABEL>"Member's email"</label>
                    <input id="audit-actor" name="actor" type="search" value=actor.clone() class=ui::INPUT/>
                </div>
                <div class="flex-1">
                    <label for="audit-action" class=ui::LABEL>"Action starts with"</label>
                    <input id="audit-action" name="action" type="search" value=action.clone() placeholder="member. or row.courses" class=ui::INPUT/>
                </div>
                <button type="submit" class=ui::PRIMARY>"Filter"</button>
                <a href=csv.clone() class="rounded-md border border-slate-300 bg-white px-4 py-2 text-center font-medium text-slate-800 hover:bg-slate-50">"Download CSV"</a>
            </form>
            <AuditResults page actor=actor.clone() action=action.clone()/>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn AuditResults(
    page: Resource<Result<AuditTrailPage, crate::error::AppError>>,
    actor: String,
    action: String,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="mt-6 text-slate-600">"Loading the log…"</p> }>
            {move || {
                let (actor, action) = (actor.clone(), action.clone());
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <AuditTable page actor action/> }.into_any(),
                        Err(e) => view! { <div class="mt-6"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn AuditTable(page: AuditTrailPage, actor: String, action: String) -> impl IntoView {
    if let Some(problem) = page.problem {
        return view! { <p role="alert" class="mt-6 text-red-800">{problem}</p> }.into_any();
    }
    let older = page.next.map(|cursor| {
        href(&format!(
            "/admin/audit{}",
            query(&[("actor", &actor), ("action", &action), ("after", &cursor)])
        ))
    });
    view! {
        <div class="mt-6 overflow-x-auto">
            <table class="w-full rounded-xl border border-slate-200 bg-white text-left text-sm">
                <thead class="bg-slate-50 text-slate-600">
                    <tr>
                        <th scope="col" class="px-4 py-3 font-medium">"When"</th>
                        <th scope="col" class="px-4 py-3 font-medium">"Who"</th>
                        <th scope="col" class="px-4 py-3 font-medium">"Action"</th>
                        <th scope="col" class="px-4 py-3 font-medium">"Details"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {page.entries.into_iter().map(|e| view! { <AuditLine entry=e/> }).collect_view()}
                </tbody>
            </table>
        </div>
        {older.map(|h| view! { <a href=h class="mt-4 inline-block text-sm underline">"Older entries"</a> })}
    }
    .into_any()
}

#[component]
fn AuditLine(entry: AuditEntry) -> impl IntoView {
    let who = match (entry.actor, entry.impersonator) {
        (_, Some(admin)) => format!("Support session by {admin}"),
        (Some(actor), None) => actor,
        (None, None) => "—".to_owned(),
    };
    view! {
        <tr>
            <td class="whitespace-nowrap px-4 py-2 text-slate-600">{entry.at}</td>
            <td class="px-4 py-2">{who}</td>
            <td class="px-4 py-2 font-mono text-xs">{entry.action}</td>
            <td class="px-4 py-2 text-slate-700">{entry.note}</td>
        </tr>
    }
    .into_any()
}
