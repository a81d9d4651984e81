use crate::api::console::ConsoleUpdateTenant;
use crate::components::BrandingFields;
use crate::model::Tier;
use crate::model::tenant_edit::TenantEditForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

const INPUT: &str = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
const LABEL: &str = "block text-sm font-medium text-slate-700";

/// A tenant's configuration: name, tier, features, colours (with the live preview), sign-up and
/// session policy. Saved with a reason; the portal shows it on its next request.
#[component]
pub fn SettingsForm(slug: String, settings: TenantEditForm) -> impl IntoView {
    let s = settings;
    let features = [
        ("courses", "Courses", s.courses),
        ("assessments", "Assessments", s.assessments),
        ("community", "Community", s.community),
        ("ecommerce", "Shop", s.ecommerce),
    ];
    let invite = s.signup == "invite";
    view! {
        <section class="mt-8 max-w-3xl rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="settings-heading">
            <h2 id="settings-heading" class="text-lg font-semibold text-slate-900">"Configuration"</h2>
            <form method="post" action=ConsoleUpdateTenant::url() aria-label="Configuration" class="mt-4 grid gap-5 sm:grid-cols-2">
                <input type="hidden" name="slug" value=slug/>
                <div>
                    <label for="edit-name" class=LABEL>"Organisation name"</label>
                    <input id="edit-name" name="form[name]" required maxlength="120" value=s.name.clone() class=INPUT/>
                </div>
                <div>
                    <label for="edit-tier" class=LABEL>"Tier"</label>
                    <select id="edit-tier" name="form[tier]" class=INPUT>
                        {[Tier::Basic, Tier::Premium, Tier::Enterprise].into_iter().map(|t| view! {
                            <option value=t.as_str() selected=s.tier == t.as_str()>{t.as_str()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="sm:col-span-2">
                    <legend class=LABEL>"Features"</legend>
                    <div class="mt-2 flex flex-wrap gap-4">
                        {features.into_iter().map(|(name, label, on)| view! {
                            <label class="flex items-center gap-2 text-sm text-slate-700">
                                <input type="checkbox" name=format!("form[{name}]") value="true" checked=on/>
                                {label}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <BrandingFields primary=s.primary.clone() secondary=s.secondary.clone() accent=s.accent.clone()/>
                <div>
                    <label for="edit-signup" class=LABEL>"Sign-up"</label>
                    <select id="edit-signup" name="form[signup]" class=INPUT>
                        <option value="open" selected=!invite>"Open: anyone may join"</option>
                        <option value="invite" selected=invite>"By invitation only"</option>
                    </select>
                </div>
                <div class="grid grid-cols-2 gap-4">
                    <div>
                        <label for="edit-idle" class=LABEL>"Session idle (minutes)"</label>
                        <input id="edit-idle" name="form[idle_minutes]" type="number" min="5" max="43200" required
                            value=s.idle_minutes.clone() class=INPUT/>
                    </div>
                    <div>
                        <label for="edit-max-sessions" class=LABEL>"Sessions per person"</label>
                        <input id="edit-max-sessions" name="form[max_sessions]" type="number" min="1" max="50" required
                            value=s.max_sessions.clone() class=INPUT/>
                    </div>
                </div>
                <div class="sm:col-span-2">
                    <label for="edit-reason" class=LABEL>"Reason for the change"</label>
                    <input id="edit-reason" name="form[reason]" required maxlength="500" class=INPUT/>
                </div>
                <div class="sm:col-span-2">
                    <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Save changes"</button>
                </div>
            </form>
        </section>
    }
}
