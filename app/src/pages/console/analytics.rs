use super::layout::ConsoleFrame;
use crate::api::console::console_analytics;
use crate::components::ErrorNotice;
use crate::components::{BarChart, Series};
use crate::model::analytics::PlatformAnalytics;
use crate::model::console::money;
use leptos::prelude::*;
use leptos_meta::Title;

const BRAND: &str = "#1e293b";
const SECOND: &str = "#0d9488";
const MUTED: &str = "#f59e0b";

fn count(n: i64) -> String {
    n.to_string()
}

/// The platform at a glance: tenants by tier and status, growth, learning and revenue over time,
/// and the busiest tenants. Charts are SVG drawn on the server.
#[component]
pub fn ConsoleAnalyticsPage() -> impl IntoView {
    let figures = Resource::new(|| (), |_| console_analytics());
    view! {
        <Title text="Analytics · Console"/>
        <ConsoleFrame current="analytics">
            <h1 class="text-2xl font-bold text-slate-900">"Platform analytics"</h1>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(figures) => view! { <Charts figures/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </ConsoleFrame>
    }
    .into_any()
}

fn peak(points: &[(String, i64)]) -> Option<&(String, i64)> {
    points
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
}

#[component]
fn Charts(figures: PlatformAnalytics) -> impl IntoView {
    let PlatformAnalytics {
        tiers,
        new_tenants,
        weeks,
        revenue,
        busiest,
    } = figures;

    let active: i64 = tiers.iter().map(|t| t.1).sum();
    let suspended: i64 = tiers.iter().map(|t| t.2).sum();
    let tier_summary = format!(
        "{} tenants: {active} active, {suspended} suspended. {}",
        active + suspended,
        tiers
            .iter()
            .map(|(tier, a, s)| format!("{tier} {}", a + s))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let created: i64 = new_tenants.iter().map(|m| m.1).sum();
    let growth_summary = match peak(&new_tenants) {
        Some((month, n)) => {
            format!("{created} new tenants in twelve months; the most in {month} ({n}).")
        }
        None => "No new tenants in the last twelve months.".to_owned(),
    };
    let enrolled: i64 = weeks.iter().map(|w| w.1).sum();
    let completed: i64 = weeks.iter().map(|w| w.2).sum();
    let this_week = weeks.last().cloned().unwrap_or_default();
    let learning_summary = format!(
        "{enrolled} enrolments and {completed} completions in twelve weeks; this week {} and {}.",
        this_week.1, this_week.2
    );
    let earned: i64 = revenue.iter().map(|m| m.1).sum();
    let revenue_summary = match peak(&revenue) {
        Some((month, n)) => format!(
            "{} paid in twelve months; the most in {month} ({}).",
            money(earned),
            money(*n)
        ),
        None => "No paid orders in the last twelve months.".to_owned(),
    };
    let busiest_summary = match busiest.first() {
        Some(top) => format!(
            "{} is the busiest, with {} learners active in the last 30 days.",
            top.name, top.active_learners
        ),
        None => "No learner has been active in the last 30 days.".to_owned(),
    };
    let busy_rows = busiest
        .iter()
        .map(|b| {
            view! {
                <tr class="border-t border-slate-100" data-testid="busy-row">
                    <th scope="row" class="px-3 py-2 text-left font-medium">
                        <a class="underline" href=format!("/console/tenants/{}", b.slug)>{b.name.clone()}</a>
                    </th>
                    <td class="px-3 py-2 text-right">{b.active_learners}</td>
                    <td class="px-3 py-2 text-right">{b.enrolments}</td>
                    <td class="px-3 py-2 text-right">{b.completions}</td>
                    <td class="px-3 py-2 text-right">{money(b.revenue_cents)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="mt-6 grid gap-6 lg:grid-cols-2">
            <BarChart id="tiers" title="Tenants by tier and status".into() summary=tier_summary
                label_heading="Tier" labels=tiers.iter().map(|t| t.0.clone()).collect()
                series=vec![
                    Series { name: "active", values: tiers.iter().map(|t| t.1).collect(), colour: BRAND },
                    Series { name: "suspended", values: tiers.iter().map(|t| t.2).collect(), colour: MUTED },
                ]
                format=count/>
            <BarChart id="growth" title="New tenants per month".into() summary=growth_summary
                label_heading="Month" labels=new_tenants.iter().map(|m| m.0.clone()).collect()
                series=vec![Series { name: "new tenants", values: new_tenants.iter().map(|m| m.1).collect(), colour: BRAND }]
                format=count/>
            <BarChart id="learning" title="Enrolments and completions per week".into() summary=learning_summary
                label_heading="Week starting" labels=weeks.iter().map(|w| w.0.clone()).collect()
                series=vec![
                    Series { name: "enrolments", values: weeks.iter().map(|w| w.1).collect(), colour: BRAND },
                    Series { name: "completions", values: weeks.iter().map(|w| w.2).collect(), colour: SECOND },
                ]
                format=count/>
            <BarChart id="revenue" title="Revenue per month".into() summary=revenue_summary
                label_heading="Month" labels=revenue.iter().map(|m| m.0.clone()).collect()
                series=vec![Series { name: "paid", values: revenue.iter().map(|m| m.1).collect(), colour: SECOND }]
                format=money/>
        </div>
        <section class="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="busiest-title">
            <h2 id="busiest-title" class="text-base font-semibold text-slate-900">"The ten busiest tenants"</h2>
            <p class="mt-1 text-sm text-slate-600" data-testid="busiest-summary">{busiest_summary}</p>
            <div class="mt-3 overflow-x-auto">
                <table class="min-w-full text-sm">
                    <thead class="bg-slate-100 text-slate-700">
                        <tr>
                            <th scope="col" class="px-3 py-2 text-left">"Tenant"</th>
                            <th scope="col" class="px-3 py-2 text-right">"Active learners (30 days)"</th>
                            <th scope="col" class="px-3 py-2 text-right">"Enrolments"</th>
                            <th scope="col" class="px-3 py-2 text-right">"Completions"</th>
                            <th scope="col" class="px-3 py-2 text-right">"Revenue (30 days)"</th>
                        </tr>
                    </thead>
                    <tbody>{busy_rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
