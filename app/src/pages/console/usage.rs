use super::layout::ConsoleFrame;
use crate::api::console::noisy_neighbours;
use crate::components::{ErrorNotice, Sparkline};
use crate::model::usage::{NoisyNeighbour, UsageReport, WINDOW_MINUTES};
use leptos::prelude::*;
use leptos_meta::Title;

/// "Noisy neighbours": the tenants using the platform most in the last hour, with requests per
/// minute as sparklines, errors, rate-limited requests, p95 latency and database time.
#[component]
pub fn ConsoleUsagePage() -> impl IntoView {
    let figures = Resource::new(|| (), |_| noisy_neighbours());
    view! {
        <Title text="Noisy neighbours · Console"/>
        <ConsoleFrame current="usage">
            <h1 class="text-2xl font-bold text-slate-900">"Noisy neighbours"</h1>
            <p class="mt-1 text-sm text-slate-600">
                "The tenants using the platform most in the last hour, from every instance's counts (written every ten seconds)."
            </p>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(figures) => view! { <UsageTable figures/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </ConsoleFrame>
    }
    .into_any()
}

fn share(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "0 %".into();
    }
    format!("{:.0} %", part as f64 * 100.0 / whole as f64)
}

fn row(t: NoisyNeighbour, total: i64) -> impl IntoView {
    let peak = t.per_minute.iter().copied().max().unwrap_or(0);
    let label = format!(
        "{}: requests per minute over the last hour, at most {peak}",
        t.name
    );
    let p95 = t
        .p95_millis
        .map_or_else(|| "over 3 s".to_owned(), |ms| format!("≤ {ms} ms"));
    view! {
        <tr class="border-t border-slate-100" data-testid="usage-row" data-slug=t.slug.clone()>
            <th scope="row" class="px-3 py-2 text-left font-medium">
                <a class="underline" href=format!("/console/tenants/{}", t.slug)>{t.name.clone()}</a>
                <span class="ml-2 text-xs font-normal text-slate-500">{t.tier.clone()}</span>
            </th>
            <td class="px-3 py-2 text-right" data-testid="usage-requests">{t.requests}</td>
            <td class="px-3 py-2 text-right">{share(t.requests, total)}</td>
            <td class="px-3 py-2 text-right" data-testid="usage-errors">{t.errors}</td>
            <td class="px-3 py-2 text-right" data-testid="usage-limited">{t.limited}</td>
            <td class="px-3 py-2 text-right">{p95}</td>
            <td class="px-3 py-2 text-right">{format!("{} ms", t.db_millis)}</td>
            <td class="px-3 py-2"><Sparkline values=t.per_minute label/></td>
        </tr>
    }
}

#[component]
fn UsageTable(figures: UsageReport) -> impl IntoView {
    let UsageReport {
        tenants,
        total_requests,
    } = figures;
    if tenants.is_empty() {
        return view! {
            <p class="mt-6 text-slate-700" data-testid="usage-empty">
                "No tenant traffic recorded in the last hour."
            </p>
        }
        .into_any();
    }
    let summary = tenants.first().map(|top| {
        format!(
            "{} made {} of the {total_requests} requests in the last {WINDOW_MINUTES} minutes ({}).",
            top.name,
            top.requests,
            share(top.requests, total_requests)
        )
    });
    let rows = tenants
        .into_iter()
        .map(|t| row(t, total_requests))
        .collect_view();
    view! {
        <p class="mt-4 text-sm text-slate-700" data-testid="usage-summary">{summary}</p>
        <div class="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class="min-w-full text-sm">
                <caption class="sr-only">"Tenants by requests in the last hour"</caption>
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        <th scope="col" class="px-3 py-2 text-left">"Tenant"</th>
                        <th scope="col" class="px-3 py-2 text-right">"Requests"</th>
                        <th scope="col" class="px-3 py-2 text-right">"Share"</th>
                        <th scope="col" class="px-3 py-2 text-right">"Errors (5xx)"</th>
                        <th scope="col" class="px-3 py-2 text-right">"Rate-limited"</th>
                        <th scope="col" class="px-3 py-2 text-right">"p95 latency"</th>
                        <th scope="col" class="px-3 py-2 text-right">"Database time"</th>
                        <th scope="col" class="px-3 py-2 text-left">"Requests per minute"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
