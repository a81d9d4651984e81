use crate::api::console::ConsoleStartSupport;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Switch into the tenant's portal as a support session: a reason, how long (at most an hour),
/// and whether changes are allowed.
#[component]
pub fn SupportForm(slug: String, active: bool) -> impl IntoView {
    view! {
        <section class="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="support-heading">
            <h2 id="support-heading" class="text-lg font-semibold text-slate-900">"Support session"</h2>
            <p class="mt-1 text-sm text-slate-600">
                "Open the portal as one of its admins would see it, to troubleshoot. Read-only unless you allow changes; "
                "every page and change is recorded under your name in the tenant's audit log, which its owners read."
            </p>
            {if active {
                view! {
                    <form method="post" action=ConsoleStartSupport::url() class="mt-4 grid gap-3 sm:grid-cols-2" aria-label="Start support session">
                        <input type="hidden" name="slug" value=slug/>
                        <div class="sm:col-span-2">
                            <label for="support-reason" class="block text-sm font-medium text-slate-700">"Reason"</label>
                            <input id="support-reason" name="reason" required maxlength="500"
                                class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                        </div>
                        <div>
                            <label for="support-minutes" class="block text-sm font-medium text-slate-700">"Length (minutes)"</label>
                            <input id="support-minutes" name="minutes" type="number" min="5" max="60" value="30" required
                                class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                        </div>
                        <div class="flex items-end gap-2 pb-2">
                            <input id="support-write" name="write" type="checkbox" value="on" class="h-4 w-4"/>
                            <label for="support-write" class="text-sm text-slate-700">"Allow changes (write access)"</label>
                        </div>
                        <div class="sm:col-span-2">
                            <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Switch into portal"</button>
                        </div>
                    </form>
                }
                .into_any()
            } else {
                view! { <p class="mt-3 text-sm text-slate-600">"The portal is suspended, so there is nothing to switch into."</p> }.into_any()
            }}
        </section>
    }
    .into_any()
}
