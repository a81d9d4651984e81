use super::layout::{AdminLayout, ui};
use crate::api::certificates::{RevokeCertificate, tenant_certificates};
use crate::components::{ErrorNotice, href};
use crate::model::certificate::CertificateItem;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    match code {
        "revoked" => Some("Revoked. Its page and PDF now say so, with your reason."),
        _ => None,
    }
}

/// The organisation's certificates, newest first, each with a way to withdraw it.
#[component]
pub fn AdminCertificatesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| tenant_certificates());
    view! {
        <Title text="Certificates"/>
        <AdminLayout current="/admin/certificates" title="Certificates" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading certificates…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! { <Certificates list/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn Certificates(list: Vec<CertificateItem>) -> impl IntoView {
    view! {
        <p class="text-slate-700">"Learners receive a certificate when they complete a course. Anyone with its code can check it; a revoked certificate's page says when and why."</p>
        {if list.is_empty() {
            view! { <p class="mt-6 text-slate-600">"No certificates yet."</p> }.into_any()
        } else {
            view! {
                <div class="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white">
                    <table class="min-w-full text-sm">
                        <thead class="bg-slate-50 text-left text-slate-600">
                            <tr>
                                <th scope="col" class="px-4 py-2 font-medium">"Learner"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Course"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Issued"</th>
                                <th scope="col" class="px-4 py-2 font-medium">"Code"</th>
                                <th scope="col" class="px-4 py-2 font-medium"><span class="sr-only">"Revoke"</span></th>
                            </tr>
                        </thead>
                        <tbody>{list.into_iter().map(|c| view! { <Row c/> }).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn Row(c: CertificateItem) -> impl IntoView {
    let code = c.code.as_str().to_owned();
    let page = href(&format!("/certificates/{code}"));
    let field = format!("reason-{code}");
    view! {
        <tr class="border-t border-slate-100 align-top" data-certificate=code.clone()>
            <td class="px-4 py-2 font-medium text-slate-900">{c.learner_name.clone()}</td>
            <td class="px-4 py-2 text-slate-900">{c.course_title.clone()}</td>
            <td class="whitespace-nowrap px-4 py-2 text-slate-700">{c.issued_on.clone()}</td>
            <td class="px-4 py-2"><a href=page class="font-mono text-brand-ink underline">{c.code.grouped()}</a></td>
            <td class="px-4 py-2 text-right">
                {if c.revoked {
                    view! { <span class="font-medium text-red-800">"Revoked"</span> }.into_any()
                } else {
                    view! {
                        <details>
                            <summary class="cursor-pointer font-medium text-brand-ink underline">"Revoke…"</summary>
                            <form method="post" action=href(RevokeCertificate::url()) class="mt-2 text-left">
                                <input type="hidden" name="code" value=code.clone()/>
                                <label for=field.clone() class=ui::LABEL>"Reason (shown on the certificate's page)"</label>
                                <input id=field name="reason" required maxlength="500" class=ui::INPUT/>
                                <button type="submit" class=format!("mt-2 {}", ui::DANGER)>"Revoke certificate"</button>
                            </form>
                        </details>
                    }.into_any()
                }}
            </td>
        </tr>
    }
    .into_any()
}
