use crate::api::invitations::{AcceptInvitation, invitation_preview};
use crate::components::{ErrorNotice, href, query_param};
use crate::error::AppError;
use crate::model::TenantSite;
use crate::model::auth::MIN_PASSWORD_LEN;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Where an invitation link lands: who it is for, and a form to choose a name and password.
/// Nothing is used up until the form is sent.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    let token = query_param("token").unwrap_or_default();
    let name = query_param("name").unwrap_or_default();
    let problem = query_param("error").and_then(|code| AppError::message_for_code(&code));
    let info = Resource::new(|| (), {
        let token = token.clone();
        move |_| invitation_preview(token.clone())
    });
    view! {
        <Title text="Accept your invitation"/>
        <section class="mx-auto max-w-md px-4 py-16 sm:px-6">
            <h1 class="text-3xl font-bold text-slate-900">"Accept your invitation"</h1>
            <Suspense fallback=|| view! { <p class="mt-4 text-slate-600">"Checking your link…"</p> }>
                {move || {
                    let (token, name, problem, tenant) =
                        (token.clone(), name.clone(), problem.clone(), tenant.clone());
                    Suspend::new(async move {
                        match info.await {
                            Ok(info) => view! {
                                <p class="mt-2 text-slate-600">
                                    {format!("You are invited to {} as {}, with the address {}.", tenant.name, info.role, info.email)}
                                </p>
                                <form method="post" action=href(AcceptInvitation::url()) class="mt-8 space-y-5" aria-label="Accept your invitation">
                                    {problem.map(|m| view! {
                                        <p role="alert" class="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{m}</p>
                                    })}
                                    <input type="hidden" name="token" value=token/>
                                    {if info.existing {
                                        view! {
                                            <p class="text-sm text-slate-600">"This address already has an Atrium account. Enter its password to join."</p>
                                            <div>
                                                <label for="password" class="block text-sm font-medium text-slate-700">"Your Atrium password"</label>
                                                <input id="password" name="password" type="password" autocomplete="current-password" required
                                                    class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                                            </div>
                                            <input type="hidden" name="display_name" value=""/>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <div>
                                                <label for="display_name" class="block text-sm font-medium text-slate-700">"Your name"</label>
                                                <input id="display_name" name="display_name" autocomplete="name" required maxlength="120" value=name
                                                    class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                                            </div>
                                            <div>
                                                <label for="password" class="block text-sm font-medium text-slate-700">"Choose a password"</label>
                                                <input id="password" name="password" type="password" autocomplete="new-password" required
                                                    minlength=MIN_PASSWORD_LEN.to_string()
                                                    class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                                            </div>
                                        }.into_any()
                                    }}
                                    <button type="submit" class="w-full rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast">
                                        "Join"
                                    </button>
                                </form>
                            }.into_any(),
                            Err(e) => view! { <div class="mt-6"><ErrorNotice error=e/></div> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
