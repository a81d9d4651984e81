//! The header's account area: sign-in links, or the signed-in person's menu with their portals
//! and sign-out. A `<details>` menu, so it opens without JavaScript too.

use super::{TenantForm, href};
use crate::api::auth::{JoinTenant, SignOut, SwitchPortal, current_viewer};
use crate::error::AppError;
use crate::model::{Permission, PortalLink, ViewerInfo};
use leptos::prelude::*;

/// In an island: after a successful form whose result is a place to go, load that place. (Forms
/// outside islands are plain HTML forms; the server redirects them.)
pub fn go_on_success<S>(value: S)
where
    S: Get<Value = Option<Result<String, AppError>>> + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(target)) = value.get() {
            super::go_to(&target);
        }
    });
}

/// Sign-in links for a visitor; for a signed-in person, their menu, which needs their other
/// portals from the database.
#[component]
pub fn UserMenu() -> impl IntoView {
    if super::viewer_role().is_none() {
        return view! { <SignedOut/> }.into_any();
    }
    let viewer = Resource::new(|| (), |_| current_viewer());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) => view! { <SignedIn viewer=v/> }.into_any(),
                    _ => view! { <SignedOut/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn SignedOut() -> impl IntoView {
    view! {
        <div class="flex items-center gap-2">
            <a href=href("/signin") class="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                "Sign in"
            </a>
            <a href=href("/signup") class="rounded-md bg-brand px-3 py-2 text-sm font-medium text-brand-contrast">
                "Join"
            </a>
        </div>
    }
}

#[component]
fn SignedIn(viewer: ViewerInfo) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let join = ServerAction::<JoinTenant>::new();
    let role = viewer.role.map(|r| r.label()).unwrap_or("Not a member yet");
    let sells = with_context(|t: &crate::model::TenantSite| {
        t.features.has(crate::model::Feature::Ecommerce)
    })
    .unwrap_or(false);
    view! {
        <div class="flex items-center gap-2">
            {viewer.can_join.then(|| view! {
                <TenantForm action=join>
                    <button type="submit" class="rounded-md bg-accent px-3 py-2 text-sm font-semibold text-accent-contrast">
                        "Join this organisation"
                    </button>
                </TenantForm>
            })}
            <details class="relative" data-menu data-testid="user-menu">
                <summary class="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
                    <span aria-hidden="true" class="flex h-7 w-7 items-center justify-center rounded-full bg-brand-2 text-xs font-bold text-brand-2-contrast">
                        {viewer.display_name.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default()}
                    </span>
                    <span>{viewer.display_name.clone()}</span>
                </summary>
                <div class="absolute right-0 z-50 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
                    <p class="text-sm font-semibold text-slate-900">{viewer.display_name.clone()}</p>
                    <p class="text-xs text-slate-500">{viewer.email.clone()} " · " {role}</p>
                    <nav aria-label="Account" class="mt-3 border-t border-slate-100 pt-2">
                        <a href=href("/learning") class="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                            "My learning"
                        </a>
                        {(sells && viewer.role.is_some()).then(|| view! {
                            <a href=href("/account/subscription") class="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                                "My subscription"
                            </a>
                        })}
                        {viewer.role.filter(|r| Permission::Teach.allows(*r)).map(|_| view! {
                            <a href=href("/studio") class="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                                "Studio"
                            </a>
                        })}
                        {viewer.role.filter(|r| Permission::Administer.allows(*r)).map(|_| view! {
                            <a href=href("/admin") class="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                                "Admin"
                            </a>
                        })}
                    </nav>
                    <PortalSwitcher list=viewer.portals.clone()/>
                    <div class="mt-2 border-t border-slate-100 pt-2">
                        <TenantForm action=sign_out>
                            <button type="submit" class="w-full rounded px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100">
                                "Sign out"
                            </button>
                        </TenantForm>
                    </div>
                </div>
            </details>
        </div>
    }
}

#[component]
fn PortalSwitcher(list: Vec<PortalLink>) -> impl IntoView {
    let others: Vec<PortalLink> = list.into_iter().filter(|p| !p.current).collect();
    if others.is_empty() {
        return ().into_any();
    }
    let switch = ServerAction::<SwitchPortal>::new();
    view! {
        <div class="mt-2 border-t border-slate-100 pt-2" data-testid="portal-switcher">
            <p class="px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">"Your other portals"</p>
            <ul class="mt-1">
                {others.into_iter().map(|p| view! {
                    <li>
                        <TenantForm action=switch>
                            <input type="hidden" name="slug" value=p.slug.clone()/>
                            <button type="submit" class="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100">
                                {format!("Go to {}", p.name)}
                            </button>
                        </TenantForm>
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}
