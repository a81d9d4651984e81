use leptos::prelude::*;
use leptos_meta::Title;

/// The platform host's landing page. It does not list tenants: which organisations use Atrium is
/// theirs to say. The form asks for `/?portal=<slug>`, which the server redirects to `/<slug>`.
#[component]
pub fn PlatformHome() -> impl IntoView {
    view! {
        <Title text=""/>
        <main class="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6 py-16">
            <p class="text-sm font-semibold uppercase tracking-widest text-brand-ink">"Atrium"</p>
            <h1 class="mt-3 text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
                "Learning portals for organisations that form leaders"
            </h1>
            <p class="mt-6 text-lg text-slate-600">
                "Each partner organisation has its own branded portal with its courses, assessments and community. "
                "Open your organisation's portal from the link it gave you."
            </p>
            <form method="get" action="/" class="mt-10 flex flex-col gap-3 sm:flex-row sm:items-end">
                <div class="flex-1">
                    <label for="portal" class="block text-sm font-medium text-slate-700">"Organisation's web name"</label>
                    <input
                        id="portal"
                        name="portal"
                        required
                        pattern="[a-z0-9-]+"
                        placeholder="for example 5q"
                        autocomplete="off"
                        class="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
                    />
                </div>
                <button type="submit" class="rounded-md bg-brand px-4 py-2 font-medium text-brand-contrast">
                    "Open portal"
                </button>
            </form>
        </main>
    }
}
