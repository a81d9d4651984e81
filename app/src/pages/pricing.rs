use crate::api::billing::{BuyProduct, Subscribe, pricing};
use crate::components::{CardSkeletons, ErrorNotice, FeatureGate, FormProblem, href};
use crate::model::Feature;
use crate::model::billing::{PlanOffer, ProductOffer};
use crate::model::subscription::BillingInterval;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The portal's plans and one-off offers, as this viewer may buy them.
#[component]
pub fn PricingPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Ecommerce>
            <Pricing/>
        </FeatureGate>
    }
}

#[component]
fn Pricing() -> impl IntoView {
    let offers = Resource::new(|| (), |_| pricing());
    view! {
        <Title text="Plans and pricing"/>
        <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">
            <h1 class="text-3xl font-bold text-slate-900">"Plans and pricing"</h1>
            <p class="mt-2 text-slate-600">"Subscribe for ongoing access, or buy a programme once."</p>
            <div class="mt-4"><FormProblem from_action=Signal::derive(|| None)/></div>
            <Suspense fallback=|| view! { <CardSkeletons/> }>
                {move || Suspend::new(async move {
                    match offers.await {
                        Ok(view) => {
                            let member = view.member;
                            let empty = view.plans.is_empty() && view.products.is_empty();
                            view! {
                                {empty.then(|| view! {
                                    <p class="mt-8 text-slate-600">"Nothing is on offer right now."</p>
                                })}
                                {(!view.plans.is_empty()).then(|| view! {
                                    <h2 class="mt-10 text-xl font-semibold text-slate-900">"Subscriptions"</h2>
                                    <ul class="mt-4 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
                                        {view.plans.into_iter().map(|plan| view! { <PlanCard plan member/> }).collect_view()}
                                    </ul>
                                })}
                                {(!view.products.is_empty()).then(|| view! {
                                    <h2 class="mt-12 text-xl font-semibold text-slate-900">"Programmes and packages"</h2>
                                    <ul class="mt-4 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
                                        {view.products.into_iter().map(|product| view! { <ProductCard product member/> }).collect_view()}
                                    </ul>
                                })}
                                <p class="mt-12 text-sm text-slate-600">
                                    "Single courses are for sale in the "
                                    <a href=href("/shop") class="font-medium text-brand-ink underline">"shop"</a>"."
                                </p>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

fn per(interval: BillingInterval) -> &'static str {
    match interval {
        BillingInterval::Month => "/month",
        BillingInterval::Year => "/year",
    }
}

#[component]
fn Grants(grants: Vec<String>) -> impl IntoView {
    view! {
        <ul class="mt-4 space-y-1 text-sm text-slate-700">
            {grants.into_iter().map(|g| view! {
                <li class="flex gap-2"><span aria-hidden="true" class="text-emerald-600">"✓"</span>{g}</li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn PlanCard(plan: PlanOffer, member: bool) -> impl IntoView {
    let action = if plan.subscribed.is_some() {
        view! {
            <a href=href("/account/subscription") class="mt-6 block rounded-md border border-slate-300 px-4 py-2 text-center font-semibold text-slate-800">
                {format!("Your plan · {}", plan.subscribed.map(|s| s.label()).unwrap_or_default())}
            </a>
        }
        .into_any()
    } else if !member {
        view! {
            <a href=href("/signin") class="mt-6 block rounded-md bg-brand px-4 py-2 text-center font-semibold text-brand-contrast">
                "Sign in to subscribe"
            </a>
        }
        .into_any()
    } else if !plan.available {
        view! {
            <p class="mt-6 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
                "Not available for your member level."
            </p>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=href(Subscribe::url()) class="mt-6">
                <input type="hidden" name="plan_id" value=plan.id.to_string()/>
                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2 font-semibold text-brand-contrast"
                    aria-label=format!("Subscribe to {}", plan.name)>
                    "Subscribe"
                </button>
            </form>
        }
        .into_any()
    };
    view! {
        <li class="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-plan=plan.name.clone()>
            <h3 class="text-lg font-semibold text-slate-900">{plan.name.clone()}</h3>
            <p class="mt-2">
                <span class="text-3xl font-bold text-slate-900">{plan.price.display()}</span>
                <span class="text-slate-600">{per(plan.interval)}</span>
            </p>
            <p class="mt-3 flex-1 text-sm text-slate-600">{plan.description.clone()}</p>
            <Grants grants=plan.grants/>
            {action}
        </li>
    }
    .into_any()
}

#[component]
fn ProductCard(product: ProductOffer, member: bool) -> impl IntoView {
    let action = if member {
        view! {
            <form method="post" action=href(BuyProduct::url()) class="mt-6">
                <input type="hidden" name="product_id" value=product.id.to_string()/>
                <button type="submit" class="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-900"
                    aria-label=format!("Buy {}", product.name)>
                    "Buy"
                </button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <a href=href("/signin") class="mt-6 block rounded-md border border-slate-300 px-4 py-2 text-center font-semibold text-slate-900">
                "Sign in to buy"
            </a>
        }
        .into_any()
    };
    view! {
        <li class="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-product=product.name.clone()>
            <h3 class="text-lg font-semibold text-slate-900">{product.name.clone()}</h3>
            <p class="mt-2 text-3xl font-bold text-slate-900">{product.price.display()}</p>
            <p class="mt-3 flex-1 text-sm text-slate-600">{product.description.clone()}</p>
            <Grants grants=product.grants/>
            <p class="mt-4 text-xs text-slate-600">"One payment, no subscription."</p>
            {action}
        </li>
    }
    .into_any()
}
