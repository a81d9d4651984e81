use super::layout::{AdminLayout, ui};
use crate::api::admin::subscriptions::{ChangeSubscription, admin_subscription, subscribers};
use crate::components::{BarChart, ErrorNotice, Series, SubscriptionBadge, href, query_param};
use crate::model::billing::{
    HistoryLine, Money, SubscriberRow, SubscribersView, SubscriptionRecord,
};
use crate::model::subscription::SubscriptionState;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn done(code: &str) -> Option<&'static str> {
    match code {
        "suspended" => Some("Subscription suspended. The member's plan access is paused."),
        "resumed" => Some("Subscription resumed. The member's plan access is back."),
        "ended" => Some("Subscription ended."),
        _ => None,
    }
}

/// Minor units as a plain amount with two decimals: the revenue chart's figures (its title
/// names the currency; the chart takes a plain function, so currencies without cents show two
/// decimals here).
fn amount(minor: i64) -> String {
    Money {
        minor,
        currency: String::new(),
    }
    .amount()
}

/// The tenant's subscribers with state filters, MRR and revenue per month.
#[component]
pub fn AdminSubscribersPage() -> impl IntoView {
    let state = query_param("state").unwrap_or_default();
    let current = StoredValue::new(state.clone());
    let data = Resource::new(move || state.clone(), subscribers);
    view! {
        <Title text="Subscribers"/>
        <AdminLayout current="/admin/subscribers" title="Subscribers" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading subscribers…"</p> }>
                {move || {
                    let current = current.get_value();
                    Suspend::new(async move {
                        match data.await {
                            Ok(v) => view! { <Subscribers v current/> }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn Subscribers(v: SubscribersView, current: String) -> impl IntoView {
    let SubscribersView {
        rows,
        counts,
        mrr,
        currency,
        revenue,
    } = v;
    let mrr_text = if mrr.is_empty() {
        Money {
            minor: 0,
            currency: currency.clone(),
        }
        .display()
    } else {
        mrr.iter()
            .map(Money::display)
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let active = counts
        .iter()
        .find(|(s, _)| *s == SubscriptionState::Signed)
        .map_or(0, |(_, n)| *n);
    let total: i64 = revenue.iter().map(|m| m.1).sum();
    let summary = format!(
        "{} paid in the last twelve months.",
        Money {
            minor: total,
            currency: currency.clone()
        }
        .display()
    );
    let filters = std::iter::once(("".to_owned(), "All".to_owned(), counts.iter().map(|c| c.1).sum::<u64>()))
        .chain(counts.iter().map(|(s, n)| (s.as_str().to_owned(), s.label().to_owned(), *n)))
        .map(|(value, label, n)| {
            let here = value == current;
            let link = if value.is_empty() {
                href("/admin/subscribers")
            } else {
                href(&format!("/admin/subscribers?state={value}"))
            };
            view! {
                <a href=link aria-current=here.then_some("page")
                    class="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 aria-[current=page]:border-slate-900 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white">
                    {format!("{label} ({n})")}
                </a>
            }
        })
        .collect_view();
    view! {
        <dl class="grid gap-4 sm:grid-cols-2">
            <div class="rounded-lg border border-slate-200 bg-white p-4">
                <dt class="text-sm text-slate-600">"Monthly recurring revenue"</dt>
                <dd class="text-3xl font-bold text-slate-900" data-testid="mrr">{mrr_text}</dd>
            </div>
            <div class="rounded-lg border border-slate-200 bg-white p-4">
                <dt class="text-sm text-slate-600">"Active subscriptions"</dt>
                <dd class="text-3xl font-bold text-slate-900">{active}</dd>
            </div>
        </dl>
        <div class="mt-6">
            <BarChart id="subscription-revenue" title=format!("Revenue per month ({currency})") summary
                label_heading="Month" labels=revenue.iter().map(|m| m.0.clone()).collect()
                series=vec![Series { name: "paid", values: revenue.iter().map(|m| m.1).collect(), colour: "#0d9488" }]
                format=amount/>
        </div>
        <nav aria-label="Filter by state" class="mt-8 flex flex-wrap gap-2">{filters}</nav>
        {if rows.is_empty() {
            view! { <p class="mt-6 text-slate-600">"No subscriptions here yet."</p> }.into_any()
        } else {
            view! {
                <div class="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white">
                    <table class="min-w-full text-sm">
                        <thead class="bg-slate-50 text-left text-slate-600">
                            <tr>
                                <th scope="col" class="px-4 py-2 font-medium">"Member"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Plan"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"State"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Period ends"</th>
                                <th scope="col" class="px-4 py-2 font-medium"><span class="sr-only">"Details"</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows.into_iter().map(|r| view! { <Row r/> }).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn Row(r: SubscriberRow) -> impl IntoView {
    let note = match (r.cancel_at_period_end, r.failed_attempts) {
        (true, _) => " · ends at period end".to_owned(),
        (false, 0) => String::new(),
        (false, n) => format!(" · {n} failed payment(s)"),
    };
    view! {
        <tr class="border-t border-slate-100" data-subscriber=r.member_email.clone()>
            <td class="px-4 py-2"><span class="font-medium text-slate-900">{r.member_name.clone()}</span><br/><span class="text-slate-600">{r.member_email.clone()}</span></td>
            <td class="px-4 py-2 text-slate-900">{format!("{} · {}", r.plan_name, r.price.display())}</td>
            <td class="whitespace-nowrap px-4 py-2">
                <SubscriptionBadge state=r.state/>
                <span class="text-xs text-slate-600">{note}</span>
            </td>
            <td class="whitespace-nowrap px-4 py-2 text-slate-700">{r.period_end.clone().unwrap_or_else(|| "—".into())}</td>
            <td class="px-4 py-2 text-right">
                <a href=href(&format!("/admin/subscribers/{}", r.id)) class="font-medium text-brand-ink underline"
                    aria-label=format!("Manage the subscription of {}", r.member_name)>"Manage"</a>
            </td>
        </tr>
    }
    .into_any()
}

/// One subscription: who, which plan, its state, its whole history, and the admin's actions.
#[component]
pub fn AdminSubscriptionPage() -> impl IntoView {
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        admin_subscription,
    );
    view! {
        <Title text="Subscription"/>
        <AdminLayout current="/admin/subscribers" title="Subscription" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading the subscription…"</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(d) => view! { <Detail d/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn Detail(d: SubscriptionRecord) -> impl IntoView {
    let SubscriptionRecord {
        subscription: s,
        history,
    } = d;
    let actions: Vec<(&str, &str)> = [
        ("suspend", "Suspend", SubscriptionState::Suspended),
        ("resume", "Resume", SubscriptionState::Signed),
        ("end", "End now", SubscriptionState::Unsigned),
    ]
    .into_iter()
    .filter(|(_, _, to)| s.state.may_become(*to))
    .map(|(value, label, _)| (value, label))
    .collect();
    let id = s.id.to_string();
    view! {
        <p class="mb-4"><a href=href("/admin/subscribers") class="text-sm text-brand-ink underline">"← All subscribers"</a></p>
        <div class="grid gap-8 lg:grid-cols-[1fr_22rem]">
            <div>
                <div class=ui::CARD>
                    <h2 class="text-lg font-semibold text-slate-900">{format!("{} · {}", s.member_name, s.plan_name)}</h2>
                    <p class="text-sm text-slate-600">{s.member_email.clone()}</p>
                    <p class="mt-3">
                        <SubscriptionBadge state=s.state/>
                        <span class="ml-2 text-sm text-slate-700">{format!("{} per {}", s.price.display(), s.interval.as_str())}</span>
                    </p>
                    {s.period_end.clone().map(|end| view! { <p class="mt-2 text-sm text-slate-600">{format!("Current period ends {end}.")}</p> })}
                </div>
                <h2 class="mt-8 text-lg font-semibold text-slate-900">"History"</h2>
                <History lines=history/>
            </div>
            {(!actions.is_empty()).then(|| view! {
                <form method="post" action=href(ChangeSubscription::url()) class=format!("{} space-y-4 self-start", ui::CARD) aria-label="Change this subscription">
                    <h2 class="text-lg font-semibold text-slate-900">"Change it"</h2>
                    <input type="hidden" name="subscription_id" value=id.clone()/>
                    <fieldset>
                        <legend class=ui::LABEL>"Action"</legend>
                        {actions.iter().enumerate().map(|(i, (value, label))| view! {
                            <label class="mt-2 flex items-center gap-2 text-sm text-slate-800">
                                <input type="radio" name="action" value=*value checked=i == 0 required/>
                                {*label}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <div>
                        <label for="change-reason" class=ui::LABEL>"Reason"</label>
                        <textarea id="change-reason" name="reason" required maxlength="500" rows="3" class=ui::INPUT></textarea>
                        <p class="mt-1 text-xs text-slate-600">"Kept in the subscription's history and the audit log."</p>
                    </div>
                    <button type="submit" class=ui::PRIMARY>"Apply"</button>
                </form>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn History(lines: Vec<HistoryLine>) -> impl IntoView {
    view! {
        <ol class="mt-3 space-y-2" aria-label="State changes, oldest first">
            {lines.into_iter().map(|l| {
                let moved = match l.from {
                    Some(from) => format!("{} → {}", from.label(), l.to.label()),
                    None => format!("Started: {}", l.to.label()),
                };
                let by = match l.actor {
                    Some(name) => format!("{} ({name})", l.cause),
                    None => l.cause.clone(),
                };
                view! {
                    <li class="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
                        <p class="font-medium text-slate-900">{moved}</p>
                        <p class="text-slate-600">{format!("{} · by {by}", l.at)}</p>
                        {(!l.reason.is_empty()).then(|| view! { <p class="mt-1 text-slate-800">{format!("“{}”", l.reason)}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}
