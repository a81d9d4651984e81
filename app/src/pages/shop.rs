use crate::api::catalog::shop_courses;
use crate::components::{CardSkeletons, CourseCard, ErrorNotice, FeatureGate, href};
use crate::model::Feature;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ShopPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Ecommerce>
            <Shop/>
        </FeatureGate>
    }
}

#[component]
fn Shop() -> impl IntoView {
    let courses = Resource::new(|| (), |_| shop_courses());
    view! {
        <Title text="Shop"/>
        <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">
            <h1 class="text-3xl font-bold text-slate-900">"Shop"</h1>
            <p class="mt-2 text-slate-600">
                "Courses you can buy. Free courses are in the catalog. Memberships and programmes are on "
                <a href=href("/pricing") class="font-medium text-brand-ink underline">"Plans and pricing"</a>"."
            </p>
            <div class="mt-8">
                <Suspense fallback=|| view! { <CardSkeletons/> }>
                    {move || Suspend::new(async move {
                        match courses.await {
                            Ok(list) if list.is_empty() => view! {
                                <p class="text-slate-600">"Nothing is on sale right now."</p>
                            }.into_any(),
                            Ok(list) => view! {
                                <ul class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
                                    {list.into_iter().map(|c| view! { <CourseCard course=c/> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </section>
    }
}
