use crate::api::console::{ConsoleCancelDeletion, ConsoleScheduleDeletion};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Deleting a tenant: typed confirmation and a grace period, or, once scheduled, when it runs and
/// a way to cancel it.
#[component]
pub fn Deletion(slug: String, due: Option<String>) -> impl IntoView {
    let body = match due {
        Some(when) => view! {
            <p class="mt-1 text-sm text-red-900" role="status" data-testid="deletion-due">
                "Deletion is scheduled for " <strong>{when}</strong>
                ". Until then it can be cancelled; the portal stays suspended meanwhile."
            </p>
            <form method="post" action=ConsoleCancelDeletion::url() class="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" aria-label="Cancel deletion">
                <input type="hidden" name="slug" value=slug/>
                <div class="flex-1">
                    <label for="cancel-reason" class="block text-sm font-medium text-slate-700">"Reason"</label>
                    <input id="cancel-reason" name="reason" required maxlength="500"
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Cancel deletion"</button>
            </form>
        }
        .into_any(),
        None => view! {
            <p class="mt-1 text-sm text-slate-600">
                "Removes everything this tenant owns (members, courses, progress, orders, files) after a grace period. "
                "The portal is suspended at once; the deletion can be cancelled until it runs. Export first if anything should be kept."
            </p>
            <form method="post" action=ConsoleScheduleDeletion::url() class="mt-4 grid gap-3 sm:grid-cols-2" aria-label="Delete tenant">
                <input type="hidden" name="slug" value=slug.clone()/>
                <div>
                    <label for="delete-confirm" class="block text-sm font-medium text-slate-700">
                        "Type " <span class="font-mono">{slug.clone()}</span> " to confirm"
                    </label>
                    <input id="delete-confirm" name="confirm" required autocomplete="off" pattern=regex_literal(&slug)
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono"/>
                </div>
                <div>
                    <label for="delete-grace" class="block text-sm font-medium text-slate-700">"Grace period (days)"</label>
                    <input id="delete-grace" name="grace_days" type="number" min="1" max="90" value="7" required
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <div class="sm:col-span-2">
                    <label for="delete-reason" class="block text-sm font-medium text-slate-700">"Reason"</label>
                    <input id="delete-reason" name="reason" required maxlength="500"
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <div class="sm:col-span-2">
                    <button type="submit" class="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800">"Schedule deletion"</button>
                </div>
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="mt-8 max-w-2xl rounded-lg border border-red-200 bg-white p-5" aria-labelledby="deletion-heading">
            <h2 id="deletion-heading" class="text-lg font-semibold text-red-900">"Delete"</h2>
            {body}
        </section>
    }
    .into_any()
}

/// `text` as an HTML `pattern` that matches only itself (slugs hold letters, digits and hyphens,
/// and a hyphen needs no escape outside a class; anything else is escaped anyway).
fn regex_literal(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}
