//! `/support?token=…`: where the console sends a super admin who opens a support session. It
//! enters nobody by itself: "Enter support session" is a same-origin POST, so a prefetch or a
//! link preview cannot use the single-use link up.

use crate::api::support::EnterSupport;
use crate::components::{FormProblem, TenantForm, query_param};
use crate::error::AppError;
use crate::model::TenantSite;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SupportEntryPage() -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    let token = query_param("token").unwrap_or_default();
    let action = ServerAction::<EnterSupport>::new();
    let problem = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let arrived_with_error =
        query_param("error").and_then(|code| AppError::message_for_code(&code));
    view! {
        <Title text="Support session"/>
        <section class="mx-auto max-w-md px-4 py-16 sm:px-6">
            <h1 class="text-3xl font-bold text-slate-900">{format!("Support session in {}", tenant.name)}</h1>
            <p class="mt-3 text-slate-600">
                "You will see this portal as one of its admins would. Every page you open is recorded in its audit log, "
                "which its owners can read. The session ends at the time the console set, or when you leave."
            </p>
            {arrived_with_error.map(|m| view! {
                <p role="alert" class="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{m}</p>
            })}
            <TenantForm action class="mt-8 space-y-4" label="Enter support session">
                <FormProblem from_action=problem/>
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast disabled:opacity-60"
                    disabled=move || action.pending().get()>
                    "Enter support session"
                </button>
            </TenantForm>
        </section>
    }
    .into_any()
}
