//! A certificate's page: what it says, whether it is valid, its PDF; and the form to look a code
//! up. Public: employers and anyone else can verify a code without signing in. Works without
//! JavaScript (the lookup is a plain GET form).

use crate::api::certificates::verify_certificate;
use crate::components::{ErrorNotice, PageSkeleton, href, set_http_status};
use crate::error::AppError;
use crate::model::TenantSite;
use crate::model::certificate::CertificateView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/certificates/:code`.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let code = Signal::derive(move || params.read().get("code").unwrap_or_default());
    view! { <Verification code/> }
}

/// `/certificates?code=…`: the lookup form, and the answer once a code is given.
#[component]
pub fn CertificateLookupPage() -> impl IntoView {
    let query = use_query_map();
    let code = Signal::derive(move || query.read().get("code").unwrap_or_default());
    view! {
        <Title text="Verify a certificate"/>
        <Show
            when=move || !code.read().trim().is_empty()
            fallback=move || view! {
                <section class="mx-auto max-w-2xl px-4 py-12 sm:px-6">
                    <h1 class="text-3xl font-bold text-slate-900">"Verify a certificate"</h1>
                    <p class="mt-2 text-slate-600">"Enter the code printed on the certificate."</p>
                    <LookupForm/>
                </section>
            }
        >
            <Verification code/>
        </Show>
    }
}

#[component]
fn LookupForm() -> impl IntoView {
    view! {
        <form method="get" action=href("/certificates") class="mt-6 flex flex-col gap-3 sm:flex-row sm:items-end">
            <div class="flex-1">
                <label for="certificate-code" class="block text-sm font-medium text-slate-700">"Certificate code"</label>
                <input id="certificate-code" name="code" required autocomplete="off" spellcheck="false"
                    placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
                    class="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono uppercase"/>
            </div>
            <button type="submit" class="rounded-md bg-brand px-4 py-2 font-medium text-brand-contrast">"Verify"</button>
        </form>
    }
}

#[component]
fn Verification(code: Signal<String>) -> impl IntoView {
    let certificate = Resource::new(move || code.get(), verify_certificate);
    view! {
        <Suspense fallback=|| view! { <PageSkeleton label="Checking the certificate"/> }>
            {move || Suspend::new(async move {
                match certificate.await {
                    Ok(view) => view! { <Certificate view/> }.into_any(),
                    Err(AppError::NotFound) => view! { <UnknownCode/> }.into_any(),
                    Err(error) => view! {
                        <div class="mx-auto max-w-3xl px-4 py-12 sm:px-6"><ErrorNotice error/></div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The same answer for a mistyped code, an unknown one and another organisation's.
#[component]
fn UnknownCode() -> impl IntoView {
    set_http_status(404);
    view! {
        <Title text="Certificate not found"/>
        <section class="mx-auto max-w-2xl px-4 py-12 sm:px-6" data-certificate="not-found">
            <h1 class="text-3xl font-bold text-slate-900">"Certificate not found"</h1>
            <p class="mt-2 text-slate-600">
                "No certificate of this organisation has that code. Check it against the certificate and try again."
            </p>
            <LookupForm/>
        </section>
    }
}

#[component]
fn Certificate(view: CertificateView) -> impl IntoView {
    let CertificateView {
        code,
        learner_name,
        course_title,
        tenant_name,
        issued_on,
        revoked,
    } = view;
    let grouped = code.grouped();
    // The tenant's logo heads the certificate, as it heads the PDF's frame in its colour.
    let logo = use_context::<TenantSite>().and_then(|site| {
        let url = site.branding.logo.as_ref()?.src(&site.mode);
        Some(view! { <img src=url alt="" class="mx-auto mb-4 h-14 w-auto object-contain"/> })
    });
    let pdf = href(&format!("/certificates/{}/pdf", code.as_str()));
    let status = match revoked {
        None => view! {
            <p role="status" class="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 font-medium text-emerald-900" data-certificate="valid">
                "✓ Valid certificate, issued by " {tenant_name.clone()} " on " {issued_on.clone()} "."
            </p>
        }.into_any(),
        Some(r) => view! {
            <div role="status" class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900" data-certificate="revoked">
                <p class="font-medium">{format!("Revoked on {}.", r.on)}</p>
                <p class="mt-1">{format!("Reason: {}", r.reason)}</p>
            </div>
        }.into_any(),
    };
    view! {
        <Title text=format!("Certificate: {course_title}")/>
        <section class="mx-auto max-w-3xl px-4 py-12 sm:px-6">
            {status}
            <article class="mt-6 rounded-xl border-4 border-brand bg-white px-6 py-10 text-center shadow-sm sm:px-12" aria-labelledby="certificate-heading">
                {logo}
                <p class="text-sm font-semibold uppercase tracking-widest text-slate-600">{tenant_name}</p>
                <h1 id="certificate-heading" class="mt-4 text-3xl font-bold text-slate-900">"Certificate of completion"</h1>
                <p class="mt-8 text-slate-600">"This certifies that"</p>
                <p class="mt-2 text-2xl font-semibold text-slate-900" data-learner>{learner_name}</p>
                <p class="mt-6 text-slate-600">"has completed the course"</p>
                <p class="mt-2 text-xl font-semibold text-slate-900" data-course-title>{course_title}</p>
                <p class="mt-8 text-slate-600">{format!("Issued on {issued_on}")}</p>
                <p class="mt-2 text-sm text-slate-600">"Verification code " <span class="font-mono" data-code>{grouped}</span></p>
            </article>
            <p class="mt-6 flex flex-wrap gap-4">
                <a href=pdf rel="external" download class="rounded-md bg-brand px-4 py-2 font-medium text-brand-contrast">"Download PDF"</a>
                <a href=href("/certificates") class="rounded-md px-4 py-2 font-medium text-brand-ink underline">"Verify another code"</a>
            </p>
        </section>
    }
}
