use super::deletion::Deletion;
use super::domains::Domains;
use super::export::ExportForm;
use super::layout::ConsoleFrame;
use super::lifecycle::Lifecycle;
use super::overview::Overview;
use super::settings::SettingsForm;
use super::support::SupportForm;
use crate::api::console::console_tenant;
use crate::components::ErrorNotice;
use crate::components::query_param;
use crate::error::AppError;
use crate::model::console::TenantSummary;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One tenant: where its portal answers and, right after it was created, how its owner gets in.
#[component]
pub fn ConsoleTenantPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    // A resource, so the tenant is read (and the one-time notice taken) exactly once.
    let tenant = Resource::new(|| (), move |_| console_tenant(slug.clone()));
    view! {
        <ConsoleFrame>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading…"</p> }>
                {move || {
                    Suspend::new(async move {
                        match tenant.await {
                            Ok(tenant) => view! { <Summary tenant/> }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </ConsoleFrame>
    }
    .into_any()
}

#[component]
fn Summary(tenant: TenantSummary) -> impl IntoView {
    let created = tenant.created.clone();
    let suspended = tenant.status == "suspended";
    view! {
        <Title text=format!("{} · Console", tenant.name)/>
        <h1 class="text-2xl font-bold text-slate-900">{tenant.name.clone()}</h1>
        {query_param("error").and_then(|code| AppError::message_for_code(&code)).map(|m| view! {
            <p role="alert" class="mt-4 max-w-2xl rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{m}</p>
        })}
        {created.map(|made| view! {
            <section role="status" class="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-900" data-testid="provisioned">
                <h2 class="font-semibold">"Tenant created"</h2>
                {match made.invitation_path {
                    Some(path) => view! {
                        <p class="mt-1">"Send the first owner this link to set their password (valid for 7 days, shown only now):"</p>
                        <p class="mt-2 break-all rounded bg-white px-3 py-2 font-mono text-sm" data-testid="invitation-link">{path}</p>
                    }.into_any(),
                    None => view! { <p class="mt-1">"The first owner already had an Atrium account and is now its owner."</p> }.into_any(),
                }}
            </section>
        })}
        <dl class="mt-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt class="font-medium text-slate-600">"Slug"</dt><dd class="font-mono">{tenant.slug.clone()}</dd>
            <dt class="font-medium text-slate-600">"Status"</dt><dd>{tenant.status.clone()}</dd>
            <dt class="font-medium text-slate-600">"Tier"</dt><dd>{tenant.tier.clone()}</dd>
            <dt class="font-medium text-slate-600">"Primary colour"</dt>
            <dd class="flex items-center gap-2">
                <span class="inline-block h-4 w-4 rounded border border-slate-300" style=format!("background:{}", tenant.primary)></span>
                <span class="font-mono">{tenant.primary.clone()}</span>
            </dd>
            <dt class="font-medium text-slate-600">"Portal"</dt>
            <dd class="flex flex-wrap gap-4">
                <a class="underline" href=tenant.path_url.clone()>{tenant.path_url.clone()}</a>
                <a class="underline" href=tenant.subdomain_url.clone()>{tenant.subdomain_url.clone()}</a>
            </dd>
        </dl>
        <Overview overview=tenant.overview.clone()/>
        <SupportForm slug=tenant.slug.clone() active=!suspended/>
        <SettingsForm slug=tenant.slug.clone() settings=tenant.settings.clone()/>
        <Domains slug=tenant.slug.clone() domains=tenant.domains.clone()/>
        <Lifecycle slug=tenant.slug.clone() suspended/>
        <ExportForm slug=tenant.slug.clone()/>
        <Deletion slug=tenant.slug.clone() due=tenant.deletion_due.clone()/>
    }
    .into_any()
}
