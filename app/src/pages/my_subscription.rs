use crate::api::billing::{
    CancelSubscription, KeepSubscription, SetSimulatedCard, Subscribe, my_billing,
};
use crate::components::{
    ErrorNotice, FeatureGate, FormProblem, PageSkeleton, SubscriptionBadge, href, query_param,
};
use crate::model::Feature;
use crate::model::billing::{InvoiceLine, SubscriptionView};
use crate::model::subscription::{BillingInterval, SubscriptionState};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// "My subscription": the member's plans with their state and next renewal, cancel at period end
/// or keep, their invoices, and (simulated provider) the card that can be set to decline.
#[component]
pub fn MySubscriptionPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Ecommerce>
            <MySubscription/>
        </FeatureGate>
    }
}

#[component]
fn MySubscription() -> impl IntoView {
    let billing = Resource::new(|| (), |_| my_billing());
    let outcome = query_param("payment").and_then(|p| match p.as_str() {
        "paid" => Some(("Payment received. Thank you: what you bought is yours now.", true)),
        "declined" => Some(("The payment was declined, so nothing was bought. You can try again from the pricing page.", false)),
        _ => None,
    });
    view! {
        <Title text="My subscription"/>
        <section class="mx-auto max-w-4xl px-4 py-12 sm:px-6">
            <h1 class="text-3xl font-bold text-slate-900">"My subscription"</h1>
            {outcome.map(|(message, good)| view! {
                <p role="status" class=if good {
                    "mt-6 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
                } else {
                    "mt-6 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
                }>{message}</p>
            })}
            <div class="mt-4"><FormProblem from_action=Signal::derive(|| None)/></div>
            <Suspense fallback=|| view! { <PageSkeleton label="Loading your subscription"/> }>
                {move || Suspend::new(async move {
                    match billing.await {
                        Ok(b) => view! {
                            {if b.subscriptions.is_empty() {
                                view! {
                                    <p class="mt-6 text-slate-600">
                                        "You have no subscription. "
                                        <a href=href("/pricing") class="font-medium text-brand-ink underline">"See plans and pricing"</a>
                                    </p>
                                }.into_any()
                            } else {
                                view! {
                                    <ul class="mt-6 space-y-4" aria-label="Your subscriptions">
                                        {b.subscriptions.into_iter().map(|s| view! { <SubscriptionCard s/> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {b.simulated_card_declines.map(|declines| view! { <SimulatedCard declines/> })}
                            <Invoices list=b.invoices/>
                        }.into_any(),
                        Err(e) => view! { <div class="mt-6"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn SubscriptionCard(s: SubscriptionView) -> impl IntoView {
    let per = match s.interval {
        BillingInterval::Month => "month",
        BillingInterval::Year => "year",
    };
    let when = match (s.state, s.cancel_at_period_end, s.period_end.clone()) {
        (SubscriptionState::Signed, false, Some(end)) => Some(format!("Renews on {end}.")),
        (SubscriptionState::Signed, true, Some(end)) => {
            Some(format!("Ends on {end}; it will not renew."))
        }
        (SubscriptionState::Suspended, _, _) if s.can_pay_to_resume => Some(
            "Your renewal payment failed, so access is paused. Pay now to resume; your progress is kept."
                .to_owned(),
        ),
        (SubscriptionState::Suspended, _, _) => Some(
            "An admin has paused this subscription. Your progress is kept and comes back when it is resumed."
                .to_owned(),
        ),
        (SubscriptionState::Signing, _, _) => Some("Waiting for your payment.".to_owned()),
        _ => None,
    };
    let id = s.id.to_string();
    let controls = match s.state {
        SubscriptionState::Signing => view! {
            {s.open_invoice.map(|invoice| view! {
                <a href=href(&format!("/pay/{invoice}")) class="rounded-md bg-brand px-3 py-1.5 text-sm font-semibold text-brand-contrast">"Complete payment"</a>
            })}
            <form method="post" action=href(CancelSubscription::url())>
                <input type="hidden" name="subscription_id" value=id.clone()/>
                <button type="submit" class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800">"Cancel checkout"</button>
            </form>
        }.into_any(),
        SubscriptionState::Suspended if s.can_pay_to_resume && !s.cancel_at_period_end => view! {
            <form method="post" action=href(Subscribe::url())>
                <input type="hidden" name="plan_id" value=s.plan_id.to_string()/>
                <button type="submit" class="rounded-md bg-brand px-3 py-1.5 text-sm font-semibold text-brand-contrast">"Pay now to resume"</button>
            </form>
            <form method="post" action=href(CancelSubscription::url())>
                <input type="hidden" name="subscription_id" value=id.clone()/>
                <button type="submit" class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800">"Cancel at period end"</button>
            </form>
        }.into_any(),
        SubscriptionState::Signed | SubscriptionState::Suspended if s.cancel_at_period_end => view! {
            <form method="post" action=href(KeepSubscription::url())>
                <input type="hidden" name="subscription_id" value=id.clone()/>
                <button type="submit" class="rounded-md bg-brand px-3 py-1.5 text-sm font-semibold text-brand-contrast">"Keep my subscription"</button>
            </form>
        }.into_any(),
        SubscriptionState::Signed | SubscriptionState::Suspended => view! {
            <form method="post" action=href(CancelSubscription::url())>
                <input type="hidden" name="subscription_id" value=id.clone()/>
                <button type="submit" class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800">"Cancel at period end"</button>
            </form>
        }.into_any(),
        SubscriptionState::Unsigned => ().into_any(),
    };
    view! {
        <li class="rounded-xl border border-slate-200 bg-white p-5" data-subscription=s.plan_name.clone()>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 class="text-lg font-semibold text-slate-900">{s.plan_name.clone()}</h2>
                <SubscriptionBadge state=s.state/>
            </div>
            <p class="mt-1 text-slate-700">{format!("{} per {per}", s.price.display())}</p>
            {when.map(|w| view! { <p class="mt-2 text-sm text-slate-600">{w}</p> })}
            <div class="mt-4 flex flex-wrap gap-2">{controls}</div>
        </li>
    }
    .into_any()
}

#[component]
fn SimulatedCard(declines: bool) -> impl IntoView {
    view! {
        <div class="mt-8 rounded-xl border border-dashed border-amber-300 bg-amber-50 p-5">
            <h2 class="font-semibold text-amber-900">"Simulated card"</h2>
            <p class="mt-1 text-sm text-amber-900">
                {if declines {
                    "Your saved card is set to decline: the next renewal will fail, and the retries after it too."
                } else {
                    "Your saved card pays renewals. Set it to decline to try what happens when a renewal fails."
                }}
            </p>
            <form method="post" action=href(SetSimulatedCard::url()) class="mt-3">
                <input type="hidden" name="declines" value=(!declines).to_string()/>
                <button type="submit" class="rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-medium text-amber-900">
                    {if declines { "Make the card pay again" } else { "Make the card decline" }}
                </button>
            </form>
        </div>
    }
}

#[component]
fn Invoices(list: Vec<InvoiceLine>) -> impl IntoView {
    view! {
        <h2 class="mt-10 text-xl font-semibold text-slate-900">"Invoices and receipts"</h2>
        {if list.is_empty() {
            view! { <p class="mt-3 text-slate-600">"No invoices yet."</p> }.into_any()
        } else {
            view! {
                <div class="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
                    <table class="min-w-full text-sm">
                        <thead class="bg-slate-50 text-left text-slate-600">
                            <tr>
                                <th scope="col" class="px-4 py-2 font-medium">"Date"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"For"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Amount"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Status"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|i| view! {
                                <tr class="border-t border-slate-100">
                                    <td class="whitespace-nowrap px-4 py-2 text-slate-700">{i.created_at}</td>
                                    <td class="px-4 py-2 text-slate-900">{i.description}</td>
                                    <td class="whitespace-nowrap px-4 py-2 text-slate-900">{i.amount.display()}</td>
                                    <td class="whitespace-nowrap px-4 py-2 text-slate-700">
                                        {match i.paid_at {
                                            Some(paid) => format!("{} on {paid}", i.status.label()),
                                            None => i.status.label().to_owned(),
                                        }}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
    .into_any()
}
