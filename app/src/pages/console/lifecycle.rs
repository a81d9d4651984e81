use crate::api::console::{ConsoleReactivateTenant, ConsoleSuspendTenant};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Suspend or reactivate, each with the reason the audit trail keeps.
#[component]
pub fn Lifecycle(slug: String, suspended: bool) -> impl IntoView {
    let (action, heading, button, note) = if suspended {
        (
            ConsoleReactivateTenant::url(),
            "Reactivate",
            "Reactivate tenant",
            "The portal answers again at once; its people sign in again.",
        )
    } else {
        (
            ConsoleSuspendTenant::url(),
            "Suspend",
            "Suspend tenant",
            "The portal answers \u{201c}unavailable\u{201d} at once and everyone in it is signed out. Its data stays.",
        )
    };
    view! {
        <section class="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="lifecycle-heading">
            <h2 id="lifecycle-heading" class="text-lg font-semibold text-slate-900">{heading}</h2>
            <p class="mt-1 text-sm text-slate-600">{note}</p>
            <form method="post" action=action class="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" aria-label=button>
                <input type="hidden" name="slug" value=slug/>
                <div class="flex-1">
                    <label for="lifecycle-reason" class="block text-sm font-medium text-slate-700">"Reason"</label>
                    <input id="lifecycle-reason" name="reason" required maxlength="500"
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">{button}</button>
            </form>
        </section>
    }
}
