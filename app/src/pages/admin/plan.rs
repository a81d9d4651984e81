use super::layout::{AdminLayout, ui};
use crate::api::admin::plan::{SaveFeatures, admin_plan};
use crate::components::{ErrorNotice, href};
use crate::model::plans::{FeatureChoice, PlanView, QuotaUse};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    (code == "features").then_some("Features saved. They apply from the next page.")
}

/// The tier, the features admins may switch on within it, and each quota's use.
#[component]
pub fn AdminPlanPage() -> impl IntoView {
    let plan = Resource::new(|| (), |_| admin_plan());
    view! {
        <Title text="Plan and usage"/>
        <AdminLayout current="/admin/plan" title="Plan and usage" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading the plan…"</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(view) => view! { <Plan view/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn Plan(view: PlanView) -> impl IntoView {
    view! {
        <p class="text-slate-700">{format!("This organisation is on the {} plan.", view.tier.label())}</p>
        <div class="mt-6 grid gap-8 lg:grid-cols-2">
            <section class=ui::CARD aria-labelledby="usage-heading">
                <h2 id="usage-heading" class="text-lg font-semibold text-slate-900">"Usage"</h2>
                <ul class="mt-4 space-y-5">
                    {view.quotas.into_iter().map(|q| view! { <QuotaBar quota=q/> }).collect_view()}
                </ul>
            </section>
            <form method="post" action=href(SaveFeatures::url()) class=format!("{} space-y-4", ui::CARD) aria-labelledby="features-heading">
                <h2 id="features-heading" class="text-lg font-semibold text-slate-900">"Features"</h2>
                <ul class="space-y-3">
                    {view.features.into_iter().map(|f| view! { <FeatureBox choice=f/> }).collect_view()}
                </ul>
                <button type="submit" class=ui::PRIMARY>"Save features"</button>
            </form>
        </div>
    }
    .into_any()
}

#[component]
fn QuotaBar(quota: QuotaUse) -> impl IntoView {
    let percent = quota.percent();
    let colour = if percent >= 90 {
        "bg-red-600"
    } else {
        "bg-brand"
    };
    view! {
        <li>
            <div class="flex justify-between text-sm">
                <span class="font-medium text-slate-800">{quota.label.clone()}</span>
                <span class="text-slate-600">{quota.text.clone()}</span>
            </div>
            <div class="mt-1 h-2.5 w-full overflow-hidden rounded-full bg-slate-200" role="progressbar"
                aria-label=quota.label.clone() aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=percent.to_string() aria-valuetext=quota.text.clone()>
                <div class=format!("h-full {colour}") style=format!("width: {percent}%")></div>
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn FeatureBox(choice: FeatureChoice) -> impl IntoView {
    let id = format!("feature-{}", choice.feature.label().to_lowercase());
    let name = match choice.feature {
        crate::model::Feature::Courses => "courses",
        crate::model::Feature::Assessments => "assessments",
        crate::model::Feature::Community => "community",
        crate::model::Feature::Ecommerce => "ecommerce",
    };
    // A feature outside the plan can be switched off but not on.
    let locked = choice.available_on.is_some() && !choice.on;
    view! {
        <li class="flex items-start gap-2">
            <input type="checkbox" id=id.clone() name=name value="true" checked=choice.on disabled=locked class="mt-1 h-4 w-4"/>
            <label for=id class="text-sm text-slate-800">
                {choice.feature.label()}
                {choice.available_on.map(|tier| view! {
                    <span class="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{format!("Available on {}", tier.label())}</span>
                })}
            </label>
        </li>
    }
    .into_any()
}
