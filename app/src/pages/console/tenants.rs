use super::layout::ConsoleFrame;
use crate::api::console::console_tenants;
use crate::components::{ErrorNotice, query_param};
use crate::model::Tier;
use crate::model::console::{
    ListCursor, TenantListPage, TenantListQuery, TenantSort, TenantStatus, money,
};
use crate::model::url::query;
use leptos::prelude::*;
use leptos_meta::Title;

/// The address of the same list from `after` on (`None`: its first page).
fn address(q: &TenantListQuery, after: Option<&ListCursor>) -> String {
    let after = after.map(ListCursor::encode).unwrap_or_default();
    let sort = if q.sort == TenantSort::default() {
        ""
    } else {
        q.sort.as_str()
    };
    format!(
        "/console{}",
        query(&[
            ("q", q.search.trim()),
            ("status", q.status.map_or("", TenantStatus::as_str)),
            ("tier", q.tier.map_or("", Tier::as_str)),
            ("sort", sort),
            ("after", &after),
        ])
    )
}

#[component]
pub fn ConsoleTenantsPage() -> impl IntoView {
    let [search, status, tier, sort, after] =
        ["q", "status", "tier", "sort", "after"].map(query_param);
    let q = TenantListQuery::from_params(
        search.clone(),
        status.clone(),
        tier.clone(),
        sort.clone(),
        after.clone(),
    );
    let page = Resource::new(
        || (),
        move |_| {
            console_tenants(
                search.clone(),
                status.clone(),
                tier.clone(),
                sort.clone(),
                after.clone(),
            )
        },
    );
    view! {
        <Title text="Tenants · Console"/>
        <ConsoleFrame>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">"Tenants"</h1>
                <a href="/console/tenants/new" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"New tenant"</a>
            </div>
            <Filters q=q.clone()/>
            <Suspense fallback=|| view! { <p class="mt-6 text-slate-600">"Loading tenants…"</p> }>
                {move || {
                    let q = q.clone();
                    Suspend::new(async move {
                        match page.await {
                            Ok(list) => view! { <Table list q/> }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </ConsoleFrame>
    }
}

/// Search, status, tier and sort, as a GET form: the list's address says what it shows.
#[component]
fn Filters(q: TenantListQuery) -> impl IntoView {
    let status = q.status.map_or("", TenantStatus::as_str);
    let tier = q.tier.map_or("", Tier::as_str);
    let input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
    view! {
        <form method="get" action="/console" role="search" class="mt-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5 sm:items-end">
            <div class="sm:col-span-2">
                <label for="q" class="block text-sm font-medium text-slate-700">"Name, slug or domain"</label>
                <input id="q" name="q" type="search" value=q.search.clone() class=input/>
            </div>
            <div>
                <label for="status" class="block text-sm font-medium text-slate-700">"Status"</label>
                <select id="status" name="status" class=input>
                    <option value="" selected=status.is_empty()>"Any"</option>
                    <option value="active" selected=status == "active">"Active"</option>
                    <option value="suspended" selected=status == "suspended">"Suspended"</option>
                </select>
            </div>
            <div>
                <label for="tier" class="block text-sm font-medium text-slate-700">"Tier"</label>
                <select id="tier" name="tier" class=input>
                    <option value="" selected=tier.is_empty()>"Any"</option>
                    {[Tier::Basic, Tier::Premium, Tier::Enterprise].into_iter().map(|t| view! {
                        <option value=t.as_str() selected=tier == t.as_str()>{t.as_str()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="sort" class="block text-sm font-medium text-slate-700">"Sort by"</label>
                <select id="sort" name="sort" class=input>
                    {TenantSort::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=s == q.sort>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="sm:col-span-5">
                <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Show"</button>
            </div>
        </form>
    }
}

#[component]
fn Table(list: TenantListPage, q: TenantListQuery) -> impl IntoView {
    let next = list.next.as_ref().map(|c| address(&q, Some(c)));
    let first = q.after.is_some().then(|| address(&q, None));
    let empty = list.rows.is_empty();
    let th = "px-3 py-2 text-left font-semibold";
    let num = "px-3 py-2 text-right font-semibold";
    view! {
        <div class="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class="min-w-full divide-y divide-slate-200 text-sm" data-testid="tenant-list">
                <caption class="sr-only">"Tenants, with their counts"</caption>
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        <th scope="col" class=th>"Name"</th>
                        <th scope="col" class=th>"Slug"</th>
                        <th scope="col" class=th>"Status"</th>
                        <th scope="col" class=th>"Tier"</th>
                        <th scope="col" class=th>"Custom domains"</th>
                        <th scope="col" class=num>"Members"</th>
                        <th scope="col" class=num>"Courses"</th>
                        <th scope="col" class=num>"Enrolments"</th>
                        <th scope="col" class=num>"Active learners (30 days)"</th>
                        <th scope="col" class=num>"Revenue (30 days)"</th>
                        <th scope="col" class=num>"Active subscriptions"</th>
                        <th scope="col" class=th>"Created"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {list.rows.into_iter().map(|t| {
                        let cell = "px-3 py-2 text-right tabular-nums";
                        let slug = t.slug.clone();
                        let row_slug = t.slug.clone();
                        view! {
                            <tr data-slug=row_slug>
                                <th scope="row" class="px-3 py-2 text-left font-medium text-slate-900">
                                    <a class="underline" href=format!("/console/tenants/{}", slug.clone())>{t.name}</a>
                                </th>
                                <td class="px-3 py-2 font-mono">{t.slug}</td>
                                <td class="px-3 py-2">{t.status}</td>
                                <td class="px-3 py-2">{t.tier}</td>
                                <td class="px-3 py-2">{t.domains.join(", ")}</td>
                                <td class=cell data-col="members">{t.members}</td>
                                <td class=cell data-col="courses">{t.courses}</td>
                                <td class=cell data-col="enrolments">{t.enrolments}</td>
                                <td class=cell data-col="active">{t.active_learners}</td>
                                <td class=cell data-col="revenue">{money(t.revenue_cents)}</td>
                                <td class=cell data-col="subscriptions">{t.active_subscriptions}</td>
                                <td class="px-3 py-2 whitespace-nowrap">{t.created}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {empty.then(|| view! { <p class="p-4 text-slate-600">"No tenant matches."</p> })}
        </div>
        <nav aria-label="Pages" class="mt-4 flex gap-4">
            {first.map(|href| view! { <a href=href class="text-slate-900 underline">"First page"</a> })}
            {next.map(|href| view! { <a href=href rel="next" class="text-slate-900 underline">"Next page"</a> })}
        </nav>
    }
}
