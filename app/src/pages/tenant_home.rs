use crate::api::catalog::latest_courses;
use crate::components::{CardSkeletons, CourseCard, ErrorNotice, href};
use crate::model::TenantSite;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TenantHome() -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    let courses_on = tenant.features.courses;
    view! {
        <Title text="Home"/>
        <section class="bg-brand text-brand-contrast">
            <div class="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
                <h1 class="text-3xl font-bold tracking-tight sm:text-5xl">
                    {format!("Welcome to {}", tenant.name)}
                </h1>
                <p class="mt-4 max-w-2xl text-lg opacity-90">
                    {tenant.tagline.clone().unwrap_or_else(|| {
                        "Learn at your own pace, track your progress, and grow with your community.".to_owned()
                    })}
                </p>
                {courses_on.then(|| view! {
                    <a href=href("/courses") class="mt-8 inline-block rounded-md bg-accent px-5 py-3 font-semibold text-accent-contrast shadow">
                        "Browse courses"
                    </a>
                })}
            </div>
        </section>
        {courses_on.then(|| view! { <LatestCourses/> })}
    }
}

#[component]
fn LatestCourses() -> impl IntoView {
    let courses = Resource::new(|| (), |_| latest_courses());
    view! {
        <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6" aria-labelledby="latest-heading">
            <div class="flex items-baseline justify-between gap-4">
                <h2 id="latest-heading" class="text-2xl font-bold text-slate-900">"Latest courses"</h2>
                <a href=href("/courses") class="text-sm font-medium text-brand-ink underline-offset-4 hover:underline">
                    "See all courses"
                </a>
            </div>
            <div class="mt-6">
                <Suspense fallback=|| view! { <CardSkeletons/> }>
                    {move || Suspend::new(async move {
                        match courses.await {
                            Ok(list) if list.is_empty() => view! {
                                <p class="text-slate-600">"New courses are on their way. Check back soon."</p>
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
