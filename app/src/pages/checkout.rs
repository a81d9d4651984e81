use crate::api::orders::{PayOrder, checkout};
use crate::components::{ErrorNotice, FeatureGate, FormProblem, PageSkeleton, TenantForm, href};
use crate::model::Feature;
use crate::model::course::format_price;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The simulated checkout: a real order, paid with one click and no card.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Ecommerce>
            <CheckoutPageBody/>
        </FeatureGate>
    }
}

#[component]
fn CheckoutPageBody() -> impl IntoView {
    let params = use_params_map();
    let order = Resource::new(
        move || params.read().get("order_id").unwrap_or_default(),
        checkout,
    );
    let pay = ServerAction::<PayOrder>::new();
    let problem = Signal::derive(move || pay.value().get().and_then(|r| r.err()));
    view! {
            <Title text="Checkout"/>
            <Suspense fallback=|| view! { <PageSkeleton label="Loading checkout"/> }>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(o) => view! {
                            <section class="mx-auto max-w-lg px-4 py-16 sm:px-6">
                                <h1 class="text-3xl font-bold text-slate-900">"Checkout"</h1>
                                <div class="mt-6 rounded-xl border border-slate-200 bg-white p-6">
                                    <p class="text-sm text-slate-500">"Course"</p>
                                    <p class="text-lg font-semibold text-slate-900">{o.course_title.clone()}</p>
                                    <p class="mt-4 text-sm text-slate-500">"Total"</p>
                                    <p class="text-2xl font-bold text-slate-900">{format!("{} {}", format_price(o.amount_cents), o.currency)}</p>
                                    {if o.status == "pending" {
                                        view! {
                                            <TenantForm action=pay class="mt-6 space-y-3">
                                                <FormProblem from_action=problem/>
                                                <input type="hidden" name="order_id" value=o.order_id.to_string()/>
                                                <p class="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                                                    "This is a demonstration checkout: no card is charged."
                                                </p>
                                                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast" disabled=move || pay.pending().get()>
                                                    "Pay now (simulated)"
                                                </button>
                                            </TenantForm>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <p class="mt-6 font-medium text-emerald-700">{format!("This order is {}.", o.status)}</p>
                                            <a href=href(&format!("/courses/{}", o.course_slug)) class="mt-3 inline-block text-brand underline">"Go to the course"</a>
                                        }.into_any()
                                    }}
                                </div>
                            </section>
                        }.into_any(),
                        Err(e) => view! { <div class="mx-auto max-w-lg px-4 py-12"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })}
            </Suspense>
    }
}
