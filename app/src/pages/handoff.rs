//! `/auth/handoff?token=…`: the end of a switch from another of the person's portals. It signs
//! nobody in by itself: it names the account and waits for "Continue", a same-origin POST, so a
//! link crafted by someone else cannot quietly sign a visitor into that someone's account.

use crate::api::auth::{CompleteHandoff, handoff_preview};
use crate::components::{ErrorNotice, FormProblem, PageSkeleton, TenantForm, href};
use crate::model::TenantSite;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HandoffPage() -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let preview = Resource::new(token, handoff_preview);
    let action = ServerAction::<CompleteHandoff>::new();
    let problem = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Continue"/>
        <section class="mx-auto max-w-md px-4 py-16 sm:px-6">
            <Suspense fallback=|| view! { <PageSkeleton label="Checking your link"/> }>
                {move || {
                    let tenant_name = tenant.name.clone();
                    Suspend::new(async move {
                        match preview.await {
                            Ok(person) => view! {
                                <h1 class="text-3xl font-bold text-slate-900">{format!("Continue to {tenant_name}")}</h1>
                                <p class="mt-3 text-slate-600">
                                    "You'll be signed in here as "
                                    <strong class="font-semibold text-slate-900">{person.display_name.clone()}</strong>
                                    {format!(" ({}).", person.email)}
                                </p>
                                <TenantForm action class="mt-8 space-y-4" label="Continue">
                                    <FormProblem from_action=problem/>
                                    <input type="hidden" name="token" value=token()/>
                                    <button type="submit" class="w-full rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast disabled:opacity-60"
                                        disabled=move || action.pending().get()>
                                        {format!("Continue as {}", person.display_name)}
                                    </button>
                                </TenantForm>
                                <p class="mt-6 text-sm text-slate-600">
                                    "Not you? " <a href=href("/") class="font-medium text-brand-ink underline">"Go to the home page"</a>
                                    " without signing in."
                                </p>
                            }.into_any(),
                            Err(e) => view! {
                                <ErrorNotice error=e/>
                                <p class="mt-6 text-sm">
                                    <a href=href("/signin") class="font-medium text-brand-ink underline">"Sign in"</a>
                                </p>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
