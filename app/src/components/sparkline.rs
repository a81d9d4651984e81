use leptos::prelude::*;

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;

/// The `points` of a polyline drawing `values` left to right, the largest touching the top.
pub fn sparkline_points(values: &[i64]) -> String {
    let peak = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = if values.len() > 1 {
        WIDTH / (values.len() - 1) as f64
    } else {
        0.0
    };
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let y = HEIGHT - 1.0 - (v.max(0) as f64 / peak) * (HEIGHT - 2.0);
            format!("{:.1},{:.1}", i as f64 * step, y)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A small line chart of a series, drawn on the server as SVG; `label` says what it shows (for
/// screen readers, and as its tooltip).
#[component]
pub fn Sparkline(values: Vec<i64>, label: String) -> impl IntoView {
    let points = sparkline_points(&values);
    let title = label.clone();
    view! {
        <svg role="img" aria-label=label viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            class="h-7 w-32 text-slate-700" preserveAspectRatio="none" data-testid="sparkline">
            <title>{title}</title>
            <polyline fill="none" stroke="currentColor" stroke-width="1.5"
                stroke-linejoin="round" points=points/>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peak_touches_the_top_and_zero_the_bottom() {
        assert_eq!(
            sparkline_points(&[0, 5, 10]),
            "0.0,27.0 60.0,14.0 120.0,1.0"
        );
        assert_eq!(sparkline_points(&[0, 0]), "0.0,27.0 120.0,27.0");
        assert_eq!(sparkline_points(&[]), "");
    }
}
