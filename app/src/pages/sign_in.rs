use crate::api::auth::SignIn;
use crate::components::{FormProblem, TenantForm, href};
use crate::model::TenantSite;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let email = query.read_untracked().get("email").unwrap_or_default();
    let next = query.read_untracked().get("next").unwrap_or_default();
    let problem = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Sign in"/>
        <section class="mx-auto max-w-md px-4 py-16 sm:px-6">
            <h1 class="text-3xl font-bold text-slate-900">"Sign in"</h1>
            <p class="mt-2 text-slate-600">{format!("Welcome back to {}.", tenant.name)}</p>
            <TenantForm action class="mt-8 space-y-5" label="Sign in">
                <FormProblem from_action=problem/>
                <input type="hidden" name="next" value=next/>
                <div>
                    <label for="email" class="block text-sm font-medium text-slate-700">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="email" required value=email
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <div>
                    <label for="password" class="block text-sm font-medium text-slate-700">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast disabled:opacity-60"
                    disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </TenantForm>
            <p class="mt-6 text-sm text-slate-600">
                "New here? " <a href=href("/signup") class="font-medium text-brand-ink underline">"Create an account"</a>
            </p>
        </section>
    }
}
