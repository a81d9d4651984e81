use leptos::prelude::*;

/// Download everything a tenant owns as one archive, with the reason the audit trail keeps.
#[component]
pub fn ExportForm(slug: String) -> impl IntoView {
    let action = format!("/console/tenants/{slug}/export");
    view! {
        <section class="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="export-heading">
            <h2 id="export-heading" class="text-lg font-semibold text-slate-900">"Export"</h2>
            <p class="mt-1 text-sm text-slate-600">
                "A zip archive of everything this tenant owns: one JSON-lines file per table, its uploaded files, "
                "and a manifest with row counts and SHA-256 checksums. It downloads as it is made."
            </p>
            <form method="post" action=action class="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" aria-label="Export tenant">
                <div class="flex-1">
                    <label for="export-reason" class="block text-sm font-medium text-slate-700">"Reason"</label>
                    <input id="export-reason" name="reason" required maxlength="500"
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Download export"</button>
            </form>
        </section>
    }
    .into_any()
}
