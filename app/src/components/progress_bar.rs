use crate::model::learning::Progress;
use leptos::prelude::*;

/// Course progress as an accessible bar with its numbers spelled out.
#[component]
pub fn ProgressBar(
    #[prop(into)] progress: Signal<Progress>,
    #[prop(optional, into)] label: Option<String>,
) -> impl IntoView {
    let label = label.unwrap_or_else(|| "Course progress".to_owned());
    let percent = move || progress.get().percent();
    view! {
        <div>
            <div class="flex items-baseline justify-between text-sm">
                <span class="font-medium text-slate-700">{label.clone()}</span>
                <span class="text-slate-600" data-testid="progress-text">
                    {move || {
                        let p = progress.get();
                        if p.complete { "Complete · 100%".to_owned() } else { format!("{}% · {} of {} done", p.percent(), p.done, p.total) }
                    }}
                </span>
            </div>
            <div
                role="progressbar"
                aria-label=label
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || percent().to_string()
                class="mt-2 h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
            >
                <div class="h-full rounded-full bg-brand transition-all" style:width=move || format!("{}%", percent())></div>
            </div>
        </div>
    }
}
