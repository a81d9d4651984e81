use crate::api::billing::{ConfirmPayment, payment_page};
use crate::components::{ErrorNotice, FeatureGate, FormProblem, PageSkeleton, href};
use crate::model::Feature;
use crate::model::billing::InvoiceStatus;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The simulated payment provider's page: the buyer pays or declines one open invoice. A real
/// provider hosts this page itself.
#[component]
pub fn PayPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Ecommerce>
            <Pay/>
        </FeatureGate>
    }
}

#[component]
fn Pay() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(
        move || params.read().get("invoice_id").unwrap_or_default(),
        payment_page,
    );
    view! {
        <Title text="Payment"/>
        <Suspense fallback=|| view! { <PageSkeleton label="Loading payment"/> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <section class="mx-auto max-w-lg px-4 py-16 sm:px-6">
                            <h1 class="text-3xl font-bold text-slate-900">"Payment"</h1>
                            <div class="mt-6 rounded-xl border border-slate-200 bg-white p-6">
                                <p class="text-sm text-slate-500">"For"</p>
                                <p class="text-lg font-semibold text-slate-900">{p.description.clone()}</p>
                                <p class="mt-4 text-sm text-slate-500">"Amount due"</p>
                                <p class="text-2xl font-bold text-slate-900">{p.amount.display()}</p>
                                {if p.status == InvoiceStatus::Open {
                                    view! {
                                        <div class="mt-6 space-y-3">
                                            <FormProblem from_action=Signal::derive(|| None)/>
                                            <p class="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                                                "Simulated payment provider: no card is charged. Choose what the bank would answer."
                                            </p>
                                            <form method="post" action=href(ConfirmPayment::url())>
                                                <input type="hidden" name="invoice_id" value=p.invoice_id.to_string()/>
                                                <input type="hidden" name="choice" value="pay"/>
                                                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast">
                                                    {format!("Pay {}", p.amount.display())}
                                                </button>
                                            </form>
                                            <form method="post" action=href(ConfirmPayment::url())>
                                                <input type="hidden" name="invoice_id" value=p.invoice_id.to_string()/>
                                                <input type="hidden" name="choice" value="decline"/>
                                                <button type="submit" class="w-full rounded-md border border-slate-300 bg-white px-4 py-2.5 font-semibold text-slate-800">
                                                    "Decline the payment"
                                                </button>
                                            </form>
                                        </div>
                                    }.into_any()
                                } else {
                                    view! {
                                        <p class="mt-6 font-medium text-slate-800">{format!("This payment is settled: {}.", p.status.label().to_lowercase())}</p>
                                        <a href=p.return_to.clone() class="mt-3 inline-block text-brand-ink underline">"Go to My subscription"</a>
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
    .into_any()
}
