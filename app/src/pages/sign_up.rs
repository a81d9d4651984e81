use crate::api::auth::SignUp;
use crate::components::{FormProblem, TenantForm, href};
use crate::model::TenantSite;
use crate::model::auth::MIN_PASSWORD_LEN;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    let action = ServerAction::<SignUp>::new();
    let query = use_query_map();
    let email = query.read_untracked().get("email").unwrap_or_default();
    let name = query.read_untracked().get("name").unwrap_or_default();
    let problem = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <Title text="Create your account"/>
        <section class="mx-auto max-w-md px-4 py-16 sm:px-6">
            <h1 class="text-3xl font-bold text-slate-900">"Create your account"</h1>
            <p class="mt-2 text-slate-600">
                {format!("Join {} to enrol in courses and track your progress.", tenant.name)}
            </p>
            <TenantForm action class="mt-8 space-y-5" label="Create your account">
                <FormProblem from_action=problem/>
                <div>
                    <label for="display_name" class="block text-sm font-medium text-slate-700">"Your name"</label>
                    <input id="display_name" name="display_name" autocomplete="name" required maxlength="120" value=name
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <div>
                    <label for="email" class="block text-sm font-medium text-slate-700">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="email" required value=email
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <div>
                    <label for="password" class="block text-sm font-medium text-slate-700">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="new-password" required
                        minlength=MIN_PASSWORD_LEN.to_string() aria-describedby="password-hint"
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                    <p id="password-hint" class="mt-1 text-xs text-slate-500">
                        {format!("At least {MIN_PASSWORD_LEN} characters. A short phrase works well. Already have an Atrium account? Use its password to join.")}
                    </p>
                </div>
                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast disabled:opacity-60"
                    disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Creating your account…" } else { "Create account" }}
                </button>
            </TenantForm>
            <p class="mt-6 text-sm text-slate-600">
                "Already a member? " <a href=href("/signin") class="font-medium text-brand-ink underline">"Sign in"</a>
            </p>
        </section>
    }
}
