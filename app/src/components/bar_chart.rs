//! Bar charts drawn as SVG on the server: they need no JavaScript to be seen. Each has a title, a
//! one-line summary in words, and the same figures as a table for screen readers.

use leptos::prelude::*;

/// One set of bars (a chart may group several side by side).
#[derive(Debug, Clone)]
pub struct Series {
    pub name: &'static str,
    pub values: Vec<i64>,
    /// The bars' fill (an SVG colour).
    pub colour: &'static str,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 12.0;

/// The chart's figures in words: `format(value)` (counts as they are, money as money).
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    summary: String,
    /// What the labels are, as the table's first column heading ("Month", "Tier").
    label_heading: &'static str,
    labels: Vec<String>,
    series: Vec<Series>,
    format: fn(i64) -> String,
) -> impl IntoView {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_w = WIDTH - LEFT - 8.0;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let groups = labels.len().max(1) as f64;
    let group_w = plot_w / groups;
    let bar_w = (group_w * 0.8) / series.len().max(1) as f64;
    let y = move |v: i64| TOP + plot_h - (v as f64 / max as f64) * plot_h;
    let mut bars = Vec::new();
    for (gi, label) in labels.iter().enumerate() {
        for (si, s) in series.iter().enumerate() {
            let v = s.values.get(gi).copied().unwrap_or(0);
            let x = LEFT + gi as f64 * group_w + group_w * 0.1 + si as f64 * bar_w;
            let top = y(v);
            bars.push(view! {
                <rect x=format!("{x:.1}") y=format!("{top:.1}") width=format!("{:.1}", (bar_w - 1.0).max(1.0))
                    height=format!("{:.1}", (TOP + plot_h - top).max(0.0)) fill=s.colour>
                    <title>{format!("{label}: {} {}", format(v), s.name)}</title>
                </rect>
            });
        }
    }
    // Every label fits when there are few; with many, every other one.
    let step = if labels.len() > 8 { 2 } else { 1 };
    let ticks = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(i, label)| {
            let x = LEFT + i as f64 * group_w + group_w / 2.0;
            view! {
                <text x=format!("{x:.1}") y=format!("{:.1}", HEIGHT - 12.0) text-anchor="middle" font-size="11" fill="#475569">{label.clone()}</text>
            }
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        series
            .iter()
            .map(|s| view! {
                <span class="inline-flex items-center gap-1.5">
                    <span class="inline-block h-3 w-3 rounded-sm" style=format!("background:{}", s.colour)></span>
                    {s.name}
                </span>
            })
            .collect_view()
    });
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let cells = series
                .iter()
                .map(|s| view! { <td>{format(s.values.get(i).copied().unwrap_or(0))}</td> })
                .collect_view();
            view! { <tr><th scope="row">{label.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    let heads = series
        .iter()
        .map(|s| view! { <th scope="col">{s.name}</th> })
        .collect_view();
    let title_id = format!("{id}-title");
    let summary_id = format!("{id}-summary");
    view! {
        <figure class="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby=title_id.clone() data-testid=format!("chart-{id}")>
            <h2 id=title_id.clone() class="text-base font-semibold text-slate-900">{title.clone()}</h2>
            <p id=summary_id.clone() class="mt-1 text-sm text-slate-600" data-testid="chart-summary">{summary}</p>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=format!("{title_id} {summary_id}")
                class="mt-3 h-auto w-full" xmlns="http://www.w3.org/2000/svg">
                <line x1=LEFT y1=TOP x2=LEFT y2=TOP + plot_h stroke="#cbd5e1"/>
                <line x1=LEFT y1=TOP + plot_h x2=WIDTH - 8.0 y2=TOP + plot_h stroke="#cbd5e1"/>
                <text x=LEFT - 6.0 y=TOP + 4.0 text-anchor="end" font-size="11" fill="#475569">{format(max)}</text>
                <text x=LEFT - 6.0 y=TOP + plot_h text-anchor="end" font-size="11" fill="#475569">"0"</text>
                {bars}
                {ticks}
            </svg>
            {legend.map(|l| view! { <p class="mt-2 flex gap-4 text-sm text-slate-700">{l}</p> })}
            <table class="sr-only">
                <caption>{title}</caption>
                <thead><tr><th scope="col">{label_heading}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
    .into_any()
}
