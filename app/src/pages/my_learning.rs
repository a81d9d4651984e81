use crate::api::learning::my_learning;
use crate::components::{CardSkeletons, ErrorNotice, FeatureGate, ProgressBar, href};
use crate::model::Feature;
use crate::model::learning::LearningItem;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyLearningPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Courses>
            <MyLearningPageBody/>
        </FeatureGate>
    }
}

#[component]
fn MyLearningPageBody() -> impl IntoView {
    let items = Resource::new(|| (), |_| my_learning());
    view! {
            <Title text="My learning"/>
            <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">
                <h1 class="text-3xl font-bold text-slate-900">"My learning"</h1>
                <p class="mt-2 text-slate-600">"Pick up where you left off."</p>
                <div class="mt-8">
                    <Suspense fallback=|| view! { <CardSkeletons/> }>
                        {move || Suspend::new(async move {
                            match items.await {
                                Ok(list) if list.is_empty() => view! {
                                    <p class="text-slate-600">
                                        "You haven't enrolled in a course yet. "
                                        <a href=href("/courses") class="font-medium text-brand underline">"Browse courses"</a>
                                    </p>
                                }.into_any(),
                                Ok(list) => view! {
                                    <ul class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
                                        {list.into_iter().map(|item| view! { <LearningCard item/> }).collect_view()}
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

#[component]
fn LearningCard(item: LearningItem) -> impl IntoView {
    let LearningItem {
        course,
        progress,
        resume,
    } = item;
    let slug = course.slug.clone();
    view! {
        <li class="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-course=slug.clone()>
            <h2 class="text-lg font-semibold text-slate-900">
                <a href=href(&format!("/courses/{slug}")) class="hover:underline">{course.title.clone()}</a>
            </h2>
            <div class="mt-4 flex-1"><ProgressBar progress=Signal::derive(move || progress)/></div>
            {match (progress.complete, resume) {
                (true, _) => view! { <p class="mt-4 font-medium text-emerald-700">"✓ Completed"</p> }.into_any(),
                (false, Some(r)) => view! {
                    <a href=href(&format!("/courses/{slug}/lessons/{}", r.id)) class="mt-4 block rounded-md bg-brand px-4 py-2 text-center font-medium text-brand-contrast">
                        {format!("Continue: {}", r.title)}
                    </a>
                }.into_any(),
                (false, None) => ().into_any(),
            }}
        </li>
    }
}
