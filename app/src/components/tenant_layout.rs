//! The branded frame of every tenant page: header with logo and feature-gated navigation,
//! content, footer. Colours come from the theme variables the shell sets.

use super::{DisclosureKeys, UserMenu};
use crate::model::{Feature, TenantSite};
use leptos::prelude::*;

fn feature_path(feature: Feature) -> &'static str {
    match feature {
        Feature::Courses => "/courses",
        Feature::Assessments => "/assessments",
        Feature::Community => "/community",
        Feature::Ecommerce => "/shop",
    }
}

/// Whether the page at `path` is `section` or below it.
fn in_section(path: &str, section: &str) -> bool {
    path.strip_prefix(section)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[component]
pub fn TenantLayout(children: Children) -> impl IntoView {
    let tenant = expect_context::<TenantSite>();

    let logo = match tenant.branding.logo.clone() {
        Some(url) => view! {
            <img src=url.src(&tenant.mode) alt="" class="h-9 w-9 rounded-md object-contain"/>
        }
        .into_any(),
        None => view! {
            <span aria-hidden="true" class="flex h-9 w-9 items-center justify-center rounded-md bg-brand text-sm font-bold text-brand-contrast">
                {crate::model::branding::initials(&tenant.name)}
            </span>
        }
        .into_any(),
    };
    // Plain links: pages are rendered once, on the server, so the router's reactive `<A>` would
    // only add work. The section being shown is marked for assistive technology and styling.
    let here = super::current_address();
    let here = here.split(['?', '#']).next().unwrap_or_default().to_owned();
    let nav_items = tenant
        .features
        .enabled()
        .map(|feature| {
            let link = super::href(feature_path(feature));
            let current = in_section(&here, &link).then_some("page");
            view! {
                <li>
                    <a
                        href=link
                        aria-current=current
                        class="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand aria-[current=page]:text-brand-contrast"
                        data-feature=format!("{feature:?}").to_lowercase()
                    >
                        {feature.label()}
                    </a>
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
            <DisclosureKeys/>
            <super::SupportBanner/>
            <header class="border-b border-slate-200 bg-white">
                <div class="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
                    <a href=super::href("/") class="flex items-center gap-3 rounded-md text-lg font-semibold text-slate-900">
                        {logo}
                        <span>{name}</span>
                    </a>
                    <MainNav>
                        <ul class="flex flex-col gap-1 md:flex-row md:items-center">{nav_items}</ul>
                    </MainNav>
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

/// The main navigation; on narrow screens it folds behind a "Menu" button. An island: the
/// button is the only part of the frame that needs the browser. Without JavaScript the list
/// shows on every screen size.
#[island]
fn MainNav(children: Children) -> impl IntoView {
    let (open, set_open) = signal(false);
    // Until the island is live the menu stays visible, so it is reachable without JavaScript.
    let (live, set_live) = signal(false);
    Effect::new(move |_| set_live.set(true));
    view! {
        <button
            type="button"
            class="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium md:hidden"
            class:hidden=move || !live.get()
            aria-controls="tenant-nav"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| set_open.update(|open| *open = !*open)
        >
            {move || if open.get() { "Close menu" } else { "Menu" }}
        </button>
        <nav
            id="tenant-nav"
            aria-label="Main"
            class=move || match (live.get(), open.get()) {
                (false, _) => "block",
                (true, true) => "absolute inset-x-0 top-16 z-40 border-b border-slate-200 bg-white px-4 pb-4 md:static md:block md:border-0 md:p-0",
                (true, false) => "hidden md:block",
            }
        >
            {children()}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::in_section;

    #[test]
    fn a_section_covers_its_pages_only() {
        assert!(in_section("/5q/courses", "/5q/courses"));
        assert!(in_section("/5q/courses/the-5q-framework", "/5q/courses"));
        assert!(!in_section("/5q/courses-old", "/5q/courses"));
        assert!(!in_section("/5q", "/5q/courses"));
    }
}
