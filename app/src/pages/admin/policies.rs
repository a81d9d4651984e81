use super::layout::{AdminLayout, ui};
use crate::api::admin::policies::{SavePolicies, admin_policies};
use crate::components::{ErrorNotice, href};
use crate::model::admin::PolicyView;
use crate::model::tenant_edit::{IDLE_MINUTES, MAX_SESSIONS};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    (code == "saved").then_some("Policies saved. They apply from the next request.")
}

/// Sign-up (open or invitation only) and the session policy, within their bounds.
#[component]
pub fn AdminPoliciesPage() -> impl IntoView {
    let current = Resource::new(|| (), |_| admin_policies());
    view! {
        <Title text="Policies"/>
        <AdminLayout current="/admin/policies" title="Policies" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading policies…"</p> }>
                {move || Suspend::new(async move {
                    match current.await {
                        Ok(p) => view! { <PolicyForm view=p/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn PolicyForm(view: PolicyView) -> impl IntoView {
    let current = view.policies;
    let default_level = view.default_level.unwrap_or_default();
    let levels = view.levels;
    view! {
        <form method="post" action=href(SavePolicies::url()) class=format!("{} max-w-2xl space-y-6", ui::CARD) aria-label="Policies">
            <fieldset>
                <legend class="text-base font-semibold text-slate-900">"Who may join"</legend>
                <div class="mt-2 space-y-2">
                    <label class="flex items-start gap-2">
                        <input type="radio" name="form[signup]" value="open" checked=current.signup_open class="mt-1"/>
                        <span>"Anyone can sign up"<span class="block text-sm text-slate-600">"People create an account on the sign-up page and join as members."</span></span>
                    </label>
                    <label class="flex items-start gap-2">
                        <input type="radio" name="form[signup]" value="invite" checked=!current.signup_open class="mt-1"/>
                        <span>"Invitation only"<span class="block text-sm text-slate-600">"Sign-up is refused; people join through an invitation from an admin."</span></span>
                    </label>
                </div>
            </fieldset>
            <div>
                <label for="default-level" class=ui::LABEL>"Member level for new members"</label>
                <select id="default-level" name="form[default_level]" class=ui::INPUT aria-describedby="level-help">
                    <option value="" selected=default_level.is_empty()>"No level"</option>
                    {levels.into_iter().map(|l| {
                        let selected = l.id == default_level;
                        view! { <option value=l.id selected=selected>{l.name}</option> }
                    }).collect_view()}
                </select>
                <p id="level-help" class="mt-1 text-xs text-slate-600">"Given to people who sign up or join; an invitation may name another. Define levels under Levels."</p>
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <div>
                    <label for="idle-minutes" class=ui::LABEL>"Sign out after this many idle minutes"</label>
                    <input id="idle-minutes" name="form[idle_minutes]" type="number" required
                        min=IDLE_MINUTES.start().to_string() max=IDLE_MINUTES.end().to_string()
                        value=current.idle_minutes.to_string() aria-describedby="idle-help" class=ui::INPUT/>
                    <p id="idle-help" class="mt-1 text-xs text-slate-600">"5 minutes to 30 days (43,200 minutes)."</p>
                </div>
                <div>
                    <label for="max-sessions" class=ui::LABEL>"Sessions one person may hold at once"</label>
                    <input id="max-sessions" name="form[max_sessions]" type="number" required
                        min=MAX_SESSIONS.start().to_string() max=MAX_SESSIONS.end().to_string()
                        value=current.max_sessions.to_string() aria-describedby="sessions-help" class=ui::INPUT/>
                    <p id="sessions-help" class="mt-1 text-xs text-slate-600">"1 to 50. Signing in once more ends the oldest."</p>
                </div>
            </div>
            <button type="submit" class=ui::PRIMARY>"Save policies"</button>
        </form>
    }
    .into_any()
}
