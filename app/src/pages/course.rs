use crate::api::catalog::course_outline;
use crate::components::{ErrorNotice, FeatureGate, href};
use crate::error::AppError;
use crate::model::course::format_price;
use crate::model::{AccessLevel, CourseDetail, Feature};
use crate::pages::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CoursePage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Courses>
            <Course/>
        </FeatureGate>
    }
}

#[component]
fn Course() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let course = Resource::new(slug, course_outline);
    view! {
        <Suspense fallback=|| view! {
            <div class="mx-auto max-w-4xl animate-pulse px-4 py-12 sm:px-6" aria-busy="true" aria-label="Loading course">
                <div class="h-8 w-1/2 rounded bg-slate-200"></div>
                <div class="mt-4 h-4 w-3/4 rounded bg-slate-100"></div>
            </div>
        }>
            {move || Suspend::new(async move {
                match course.await {
                    Ok(detail) => view! { <CourseOutline detail/> }.into_any(),
                    Err(AppError::NotFound | AppError::FeatureDisabled) => view! { <NotFoundPage/> }.into_any(),
                    Err(e) => view! {
                        <div class="mx-auto max-w-4xl px-4 py-12 sm:px-6"><ErrorNotice error=e/></div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseOutline(detail: CourseDetail) -> impl IntoView {
    let CourseDetail { course, modules } = detail;
    let lesson_total = course.lesson_count;
    view! {
        <Title text=course.title.clone()/>
        <article class="mx-auto max-w-4xl px-4 py-12 sm:px-6">
            <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
                <A href=href("/courses") attr:class="hover:underline">"Courses"</A>
                <span aria-hidden="true">" / "</span>
                <span aria-current="page">{course.title.clone()}</span>
            </nav>
            <header class="mt-4 border-b border-slate-200 pb-8">
                <h1 class="text-3xl font-bold text-slate-900 sm:text-4xl">{course.title.clone()}</h1>
                <p class="mt-4 text-lg text-slate-600">{course.summary.clone()}</p>
                <div class="mt-4 flex flex-wrap gap-2 text-sm font-medium">
                    <span class="rounded-full bg-slate-100 px-3 py-1 text-slate-700">
                        {format!("{} modules · {lesson_total} lessons", modules.len())}
                    </span>
                    {(course.access == AccessLevel::Members).then(|| view! {
                        <span class="rounded-full bg-brand-2 px-3 py-1 text-brand-2-contrast">"Members only"</span>
                    })}
                    {course.price_cents.map(|c| view! {
                        <span class="rounded-full bg-accent px-3 py-1 text-accent-contrast">{format_price(c)}</span>
                    })}
                </div>
            </header>
            <section class="mt-8" aria-labelledby="outline-heading">
                <h2 id="outline-heading" class="text-xl font-semibold text-slate-900">"Course outline"</h2>
                {if modules.is_empty() {
                    view! { <p class="mt-4 text-slate-600">"Lessons for this course are being prepared."</p> }.into_any()
                } else {
                    view! {
                        <ol class="mt-4 space-y-6">
                            {modules.into_iter().enumerate().map(|(i, m)| view! {
                                <li class="rounded-xl border border-slate-200 bg-white p-5">
                                    <h3 class="font-semibold text-slate-900">
                                        <span class="text-brand">{format!("Module {} · ", i + 1)}</span>
                                        {m.title}
                                    </h3>
                                    <ol class="mt-3 list-decimal space-y-1 pl-6 text-slate-700">
                                        {m.lessons.into_iter().map(|l| view! {
                                            <li data-lesson-id=l.id.to_string()>{l.title}</li>
                                        }).collect_view()}
                                    </ol>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        </article>
    }
}
