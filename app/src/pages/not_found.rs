use crate::components::{href, set_http_status};
use leptos::prelude::*;
use leptos_meta::Title;

/// The in-portal 404: names nothing that does not exist.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_http_status(404);
    view! {
        <Title text="Page not found"/>
        <section class="mx-auto max-w-2xl px-4 py-20 text-center sm:px-6">
            <p class="text-sm font-semibold uppercase tracking-wide text-slate-500">"404"</p>
            <h1 class="mt-2 text-3xl font-bold text-slate-900">"We couldn't find that page"</h1>
            <p class="mt-4 text-slate-600">"The link may be old, or the page may have moved."</p>
            <a href=href("/") class="mt-8 inline-block rounded-md bg-brand px-4 py-2 font-medium text-brand-contrast">
                "Go to the home page"
            </a>
        </section>
    }
}
