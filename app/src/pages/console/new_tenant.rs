use super::layout::ConsoleFrame;
use super::new_tenant_fields::SlugField;
use crate::api::console::ConsoleCreateTenant;
use crate::components::BrandingFields;
use crate::components::query_param;
use crate::error::AppError;
use crate::model::Tier;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

const INPUT: &str = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
const LABEL: &str = "block text-sm font-medium text-slate-700";

/// One labelled text field of the form; `name` is the field of `NewTenantForm`.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] value: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("tenant-{name}");
    let hint_id = format!("{id}-hint");
    view! {
        <div>
            <label for=id.clone() class=LABEL>{label}</label>
            <input id=id name=format!("form[{name}]") type=kind required=required value=value
                aria-describedby=hint.map(|_| hint_id.clone()) class=INPUT/>
            {hint.map(|h| view! { <p id=hint_id class="mt-1 text-xs text-slate-500">{h}</p> })}
        </div>
    }
}

/// "New tenant": everything a new portal needs, sent as one plain form and created in one
/// transaction. A refused form comes back here with its message and what was typed.
#[component]
pub fn ConsoleNewTenantPage() -> impl IntoView {
    let problem = query_param("error").and_then(|code| AppError::message_for_code(&code));
    let kept = |name: &str| query_param(name).unwrap_or_default();
    view! {
        <Title text="New tenant · Console"/>
        <ConsoleFrame>
            <h1 class="text-2xl font-bold text-slate-900">"New tenant"</h1>
            <p class="mt-2 max-w-2xl text-slate-600">
                "Creates the organisation's portal, its first owner and (if given) its custom domain together: "
                "if any part fails, nothing is created."
            </p>
            <form method="post" action=ConsoleCreateTenant::url() aria-label="New tenant"
                class="mt-6 grid max-w-3xl gap-5 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-2">
                {problem.map(|message| view! {
                    <p role="alert" class="sm:col-span-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{message}</p>
                })}
                <Field name="name" label="Organisation name" value=kept("name") required=true/>
                <SlugField value=kept("slug")/>
                <div>
                    <label for="tenant-tier" class=LABEL>"Tier"</label>
                    <select id="tenant-tier" name="form[tier]" class=INPUT>
                        {[Tier::Basic, Tier::Premium, Tier::Enterprise].into_iter().map(|t| view! {
                            <option value=t.as_str()>{t.as_str()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="sm:col-span-2">
                    <legend class=LABEL>"Features"</legend>
                    <div class="mt-2 flex flex-wrap gap-4">
                        {[("courses", "Courses", true), ("assessments", "Assessments", false),
                          ("community", "Community", false), ("ecommerce", "Shop", false)]
                            .into_iter().map(|(name, label, on)| view! {
                                <label class="flex items-center gap-2 text-sm text-slate-700">
                                    <input type="checkbox" name=format!("form[{name}]") value="true" checked=on/>
                                    {label}
                                </label>
                            }).collect_view()}
                    </div>
                </fieldset>
                <BrandingFields primary="#1D4A38".to_owned() secondary="#475569".to_owned() accent="#B2613E".to_owned()/>
                <p class="text-xs text-slate-500 sm:col-span-2">
                    "The primary colour is used for links and headings on a light page: under 3:1 contrast the form is "
                    "refused (4.5:1 is recommended)."
                </p>
                <Field name="owner_email" label="First owner's email" kind="email" value=kept("owner") required=true
                    hint="An existing Atrium account joins as owner; a new address gets a link to set a password."/>
                <Field name="domain" label="Custom domain (optional)" value=kept("domain")
                    hint="Recorded unverified; it answers once its DNS record is checked."/>
                <div class="sm:col-span-2">
                    <label for="tenant-reason" class=LABEL>"Reason"</label>
                    <input id="tenant-reason" name="form[reason]" required class=INPUT
                        aria-describedby="tenant-reason-hint"/>
                    <p id="tenant-reason-hint" class="mt-1 text-xs text-slate-500">"Kept in the audit trail, e.g. the contract or ticket."</p>
                </div>
                <div class="sm:col-span-2">
                    <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Create tenant"</button>
                </div>
            </form>
        </ConsoleFrame>
    }
}
