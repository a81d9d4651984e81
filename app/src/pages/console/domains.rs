use crate::api::console_domains::{ConsoleAddDomain, ConsoleRemoveDomain, ConsoleVerifyDomain};
use crate::model::console::DomainInfo;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

const INPUT: &str = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
const LABEL: &str = "block text-sm font-medium text-slate-700";

/// A tenant's custom domains: each with its state and, until verified, the TXT record to add;
/// a form to add one.
#[component]
pub fn Domains(slug: String, domains: Vec<DomainInfo>) -> impl IntoView {
    let empty = domains.is_empty();
    let rows = domains
        .into_iter()
        .map(|d| {
            let slug = slug.clone();
            let host = d.host.clone();
            view! {
                <li class="rounded-md border border-slate-200 p-4" data-domain=d.host.clone()>
                    <div class="flex flex-wrap items-center justify-between gap-3">
                        <span class="font-mono">{d.host.clone()}</span>
                        {if d.verified {
                            view! { <span class="rounded-full bg-emerald-100 px-2.5 py-1 text-xs font-medium text-emerald-900">"Verified"</span> }.into_any()
                        } else {
                            view! { <span class="rounded-full bg-amber-100 px-2.5 py-1 text-xs font-medium text-amber-900">"Waiting for DNS"</span> }.into_any()
                        }}
                    </div>
                    {(!d.verified).then(|| view! {
                        <p class="mt-3 text-sm text-slate-600">"Add this TXT record at the domain's DNS provider, then verify:"</p>
                        <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                            <dt class="text-slate-500">"Name"</dt><dd class="break-all font-mono">{d.record_name.clone()}</dd>
                            <dt class="text-slate-500">"Value"</dt><dd class="break-all font-mono" data-testid="domain-token">{d.token.clone()}</dd>
                        </dl>
                        <form method="post" action=ConsoleVerifyDomain::url() class="mt-3">
                            <input type="hidden" name="slug" value=slug.clone()/>
                            <input type="hidden" name="host" value=host.clone()/>
                            <button type="submit" class="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
                                {format!("Verify {}", d.host)}
                            </button>
                        </form>
                    })}
                    <form method="post" action=ConsoleRemoveDomain::url() class="mt-3 flex flex-wrap items-end gap-2">
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="host" value=host.clone()/>
                        <div>
                            <label for=format!("remove-{host}") class="block text-xs text-slate-600">"Reason to remove"</label>
                            <input id=format!("remove-{host}") name="reason" required maxlength="500"
                                class="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"/>
                        </div>
                        <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                            {format!("Remove {host}")}
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="mt-8 max-w-3xl rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="domains-heading">
            <h2 id="domains-heading" class="text-lg font-semibold text-slate-900">"Custom domains"</h2>
            {empty.then(|| view! { <p class="mt-2 text-sm text-slate-600">"None yet."</p> })}
            <ul class="mt-4 space-y-3">{rows}</ul>
            <form method="post" action=ConsoleAddDomain::url() aria-label="Add a domain" class="mt-4 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
                <input type="hidden" name="slug" value=slug/>
                <div>
                    <label for="domain-host" class=LABEL>"Domain"</label>
                    <input id="domain-host" name="host" required placeholder="learn.example.org" class=INPUT/>
                </div>
                <div>
                    <label for="domain-reason" class=LABEL>"Reason to add"</label>
                    <input id="domain-reason" name="reason" required maxlength="500" class=INPUT/>
                </div>
                <button type="submit" class="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">"Add domain"</button>
            </form>
        </section>
    }
}
