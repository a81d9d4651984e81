//! The branded frame of every tenant page: header with logo and feature-gated navigation,
//! content, footer. Colours come from the theme variables the shell sets.

use super::{UserMenu, ViewerResource};
use crate::api::auth::current_viewer;
use crate::model::{Feature, TenantSite};
use leptos::prelude::*;
use leptos_router::components::A;

fn feature_path(feature: Feature) -> &'static str {
    match feature {
        Feature::Courses => "/courses",
        Feature::Assessments => "/assessments",
        Feature::Community => "/community",
        Feature::Ecommerce => "/shop",
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

#[component]
pub fn TenantLayout(children: Children) -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    provide_context(ViewerResource(Resource::new(|| (), |_| current_viewer())));
    let (menu_open, set_menu_open) = signal(false);

    let logo = match tenant.branding.logo.clone() {
        Some(url) => view! {
            <img src=url.as_str().to_owned() alt="" class="h-9 w-9 rounded-md object-contain"/>
        }
        .into_any(),
        None => view! {
            <span aria-hidden="true" class="flex h-9 w-9 items-center justify-center rounded-md bg-brand text-sm font-bold text-brand-contrast">
                {initials(&tenant.name)}
            </span>
        }
        .into_any(),
    };
    let nav_items = tenant
        .features
        .enabled()
        .map(|feature| {
            view! {
                <li>
                    <A
                        href=super::href(feature_path(feature))
                        attr:class="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand aria-[current=page]:text-brand-contrast"
                        attr:data-feature=format!("{feature:?}").to_lowercase()
                        on:click=move |_| set_menu_open.set(false)
                    >
                        {feature.label()}
                    </A>
                </li>
            }
        })
        .collect_view();

    let name = tenant.name.clone();
    let footer_name = tenant.name.clone();
    view! {
        <div
            class="flex min-h-screen flex-col"
            data-tenant=tenant.slug.clone()
        >
            <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2">
                "Skip to content"
            </a>
            <header class="border-b border-slate-200 bg-white">
                <div class="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
                    <A href=super::href("/") attr:class="flex items-center gap-3 rounded-md text-lg font-semibold text-slate-900">
                        {logo}
                        <span>{name}</span>
                    </A>
                    <button
                        type="button"
                        class="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium md:hidden"
                        aria-controls="tenant-nav"
                        aria-expanded=move || menu_open.get().to_string()
                        on:click=move |_| set_menu_open.update(|open| *open = !*open)
                    >
                        {move || if menu_open.get() { "Close menu" } else { "Menu" }}
                    </button>
                    <nav
                        id="tenant-nav"
                        aria-label="Main"
                        class=move || {
                            if menu_open.get() {
                                "absolute inset-x-0 top-16 z-40 border-b border-slate-200 bg-white px-4 pb-4 md:static md:block md:border-0 md:p-0"
                            } else {
                                "hidden md:block"
                            }
                        }
                    >
                        <ul class="flex flex-col gap-1 md:flex-row md:items-center">{nav_items}</ul>
                    </nav>
                    <div class="ml-auto md:ml-0">
                        <UserMenu/>
                    </div>
                </div>
            </header>
            <main id="main" class="flex-1">{children()}</main>
            <footer class="border-t border-slate-200 bg-white">
                <div class="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-500 sm:px-6">
                    {format!("{footer_name} · Learning portal powered by Atrium")}
                </div>
            </footer>
        </div>
    }
}
