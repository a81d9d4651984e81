use super::layout::{AdminLayout, ui};
use crate::api::admin::payments::{RefundInvoice, admin_payments};
use crate::components::{ErrorNotice, href, query_param};
use crate::model::billing::InvoiceStatus;
use crate::model::payments::{PaymentRow, PaymentsView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    match code {
        "refunded" => Some("Refunded. What the payment bought has been taken back."),
        _ => None,
    }
}

const FILTERS: [(&str, &str); 5] = [
    ("", "All"),
    ("paid", "Paid"),
    ("open", "Awaiting payment"),
    ("failed", "Failed"),
    ("refunded", "Refunded"),
];

/// Every payment of the organisation (plans, products and courses), with refunds.
#[component]
pub fn AdminPaymentsPage() -> impl IntoView {
    let status = query_param("status").unwrap_or_default();
    let data = Resource::new(move || status.clone(), admin_payments);
    view! {
        <Title text="Payments"/>
        <AdminLayout current="/admin/payments" title="Payments" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading payments…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(v) => view! { <Payments v/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn Payments(v: PaymentsView) -> impl IntoView {
    let current = v.status.map_or("", InvoiceStatus::as_str);
    let filters = FILTERS
        .iter()
        .map(|(value, label)| {
            let link = if value.is_empty() {
                href("/admin/payments")
            } else {
                href(&format!("/admin/payments?status={value}"))
            };
            view! {
                <a href=link aria-current=(*value == current).then_some("page")
                    class="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 aria-[current=page]:border-slate-900 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white">
                    {*label}
                </a>
            }
        })
        .collect_view();
    view! {
        <p class="text-slate-700">"Plan periods, products and courses bought on their own, newest first. A refund returns the money through the payment provider and takes back the course it bought; the learner's progress is kept."</p>
        <nav aria-label="Filter by status" class="mt-6 flex flex-wrap gap-2">{filters}</nav>
        {if v.rows.is_empty() {
            view! { <p class="mt-6 text-slate-600">"No payments here yet."</p> }.into_any()
        } else {
            view! {
                <div class="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white">
                    <table class="min-w-full text-sm">
                        <thead class="bg-slate-50 text-left text-slate-600">
                            <tr>
                                <th scope="col" class="px-4 py-2 font-medium">"Member"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"For"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Amount"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Status"</th>
                                <th scope="col" class="px-4 py-2 font-medium"><span class="sr-only">"Refund"</span></th>
                            </tr>
                        </thead>
                        <tbody>{v.rows.into_iter().map(|r| view! { <Row r/> }).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn Row(r: PaymentRow) -> impl IntoView {
    let refundable = r.refundable();
    let i = r.invoice;
    let status = match &i.paid_at {
        Some(paid) => format!("{} on {paid}", i.status.label()),
        None => format!("{} · opened {}", i.status.label(), i.created_at),
    };
    let amount = i.amount.display();
    let confirm = format!("Refund {amount} to {}", r.member_name);
    view! {
        <tr class="border-t border-slate-100 align-top" data-payment=i.id.to_string()>
            <td class="px-4 py-2"><span class="font-medium text-slate-900">{r.member_name.clone()}</span><br/><span class="text-slate-600">{r.member_email.clone()}</span></td>
            <td class="px-4 py-2 text-slate-900">{i.description.clone()}</td>
            <td class="whitespace-nowrap px-4 py-2 text-slate-900">{amount}</td>
            <td class="px-4 py-2 text-slate-700">{status}</td>
            <td class="px-4 py-2 text-right">
                {refundable.then(|| view! {
                    <details>
                        <summary class="cursor-pointer font-medium text-brand-ink underline">"Refund…"</summary>
                        <form method="post" action=href(RefundInvoice::url()) class="mt-2">
                            <input type="hidden" name="invoice_id" value=i.id.to_string()/>
                            <button type="submit" class=ui::DANGER>{confirm}</button>
                        </form>
                    </details>
                })}
            </td>
        </tr>
    }
    .into_any()
}
