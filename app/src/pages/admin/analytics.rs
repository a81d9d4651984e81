use super::layout::AdminLayout;
use crate::api::admin::analytics::admin_analytics;
use crate::components::{BarChart, ErrorNotice, Series, href};
use crate::model::analytics::{TenantAnalytics, percent};
use crate::model::console::money;
use leptos::prelude::*;
use leptos_meta::Title;

const FIRST: &str = "#1e293b";
const SECOND: &str = "#0d9488";

fn done(_: &str) -> Option<&'static str> {
    None
}

fn count(n: i64) -> String {
    n.to_string()
}

/// This tenant's figures: server-drawn charts with titles, summaries in words, tables for screen
/// readers, and a CSV download under each.
#[component]
pub fn AdminAnalyticsPage() -> impl IntoView {
    let figures = Resource::new(|| (), |_| admin_analytics());
    view! {
        <Title text="Analytics"/>
        <AdminLayout current="/admin/analytics" title="Analytics" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading the figures…"</p> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(a) => view! { <Dashboard a/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

/// The CSV link under a chart.
fn csv_link(chart: &str, title: &str) -> impl IntoView + use<> {
    view! {
        // The visible words start the link's name (WCAG 2.5.3); the hidden ones say which figures.
        <a href=href(&format!("/admin/analytics/{chart}.csv")) class="mt-2 inline-block text-sm underline">
            "Download these figures (CSV)"
            <span class="sr-only">{format!(": {title}")}</span>
        </a>
    }
}

#[component]
fn Dashboard(a: TenantAnalytics) -> impl IntoView {
    let TenantAnalytics {
        active_7,
        active_30,
        weeks,
        courses,
        quizzes,
        revenue,
    } = a;
    let enrolled: i64 = weeks.iter().map(|w| w.1).sum();
    let completed: i64 = weeks.iter().map(|w| w.2).sum();
    let weeks_summary =
        format!("{enrolled} enrolments and {completed} completions in the last twelve weeks.");
    let courses_summary = match courses.first() {
        Some((title, e, c)) => format!(
            "{title} has the most learners: {e}, of whom {}% completed it.",
            percent(*c, *e)
        ),
        None => "Nobody has enrolled in a course yet.".to_owned(),
    };
    let quizzes_summary = match quizzes.first() {
        Some((title, t, p)) => format!(
            "{title} is the most taken quiz: {t} people, {}% of them passed.",
            percent(*p, *t)
        ),
        None => "Nobody has taken a quiz yet.".to_owned(),
    };
    let revenue_chart = revenue.map(|months| {
        let total: i64 = months.iter().map(|m| m.1).sum();
        let summary = format!("{} paid in the last twelve months.", money(total));
        view! {
            <div>
                <BarChart id="revenue" title="Revenue per month".into() summary
                    label_heading="Month" labels=months.iter().map(|m| m.0.clone()).collect()
                    series=vec![Series { name: "paid", values: months.iter().map(|m| m.1).collect(), colour: SECOND }]
                    format=money/>
                {csv_link("revenue", "revenue per month")}
            </div>
        }
    });
    view! {
        <dl class="grid gap-4 sm:grid-cols-2" data-testid="active-learners">
            <div class="rounded-lg border border-slate-200 bg-white p-4">
                <dt class="text-sm text-slate-600">"Active learners, last 7 days"</dt>
                <dd class="text-3xl font-bold text-slate-900">{active_7}</dd>
            </div>
            <div class="rounded-lg border border-slate-200 bg-white p-4">
                <dt class="text-sm text-slate-600">"Active learners, last 30 days"</dt>
                <dd class="text-3xl font-bold text-slate-900">{active_30}</dd>
            </div>
        </dl>
        <div class="mt-6 grid gap-6 lg:grid-cols-2">
            <div>
                <BarChart id="weeks" title="Enrolments and completions per week".into() summary=weeks_summary
                    label_heading="Week starting" labels=weeks.iter().map(|w| w.0.clone()).collect()
                    series=vec![
                        Series { name: "enrolments", values: weeks.iter().map(|w| w.1).collect(), colour: FIRST },
                        Series { name: "completions", values: weeks.iter().map(|w| w.2).collect(), colour: SECOND },
                    ]
                    format=count/>
                {csv_link("weeks", "enrolments and completions per week")}
            </div>
            <div>
                <BarChart id="courses" title="Completion by course".into() summary=courses_summary
                    label_heading="Course" labels=courses.iter().map(|c| c.0.clone()).collect()
                    series=vec![
                        Series { name: "enrolled", values: courses.iter().map(|c| c.1).collect(), colour: FIRST },
                        Series { name: "completed", values: courses.iter().map(|c| c.2).collect(), colour: SECOND },
                    ]
                    format=count/>
                {csv_link("courses", "completion by course")}
            </div>
            <div>
                <BarChart id="quizzes" title="Quiz pass rates".into() summary=quizzes_summary
                    label_heading="Quiz" labels=quizzes.iter().map(|q| q.0.clone()).collect()
                    series=vec![
                        Series { name: "took it", values: quizzes.iter().map(|q| q.1).collect(), colour: FIRST },
                        Series { name: "passed", values: quizzes.iter().map(|q| q.2).collect(), colour: SECOND },
                    ]
                    format=count/>
                {csv_link("quizzes", "quiz pass rates")}
            </div>
            {revenue_chart}
        </div>
    }
    .into_any()
}
