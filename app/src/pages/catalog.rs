use crate::api::catalog::list_courses;
use crate::components::{CardSkeletons, CourseCard, ErrorNotice, FeatureGate};
use crate::model::{CourseSummary, Feature};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CatalogPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Courses>
            <Catalog/>
        </FeatureGate>
    }
}

fn matches(course: &CourseSummary, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || course.title.to_lowercase().contains(&query)
        || course.summary.to_lowercase().contains(&query)
}

#[component]
fn Catalog() -> impl IntoView {
    let courses = Resource::new(|| (), |_| list_courses());
    let (query, set_query) = signal(String::new());
    view! {
        <Title text="Courses"/>
        <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">
            <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
                <div>
                    <h1 class="text-3xl font-bold text-slate-900">"Courses"</h1>
                    <p class="mt-2 text-slate-600">"Everything you can study here."</p>
                </div>
                <div class="sm:w-72">
                    <label for="course-search" class="block text-sm font-medium text-slate-700">"Search courses"</label>
                    <input
                        id="course-search"
                        type="search"
                        placeholder="Title or topic"
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"
                        prop:value=query
                        on:input=move |ev| set_query.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <div class="mt-8">
                <Suspense fallback=|| view! { <CardSkeletons count=6/> }>
                    {move || Suspend::new(async move {
                        match courses.await {
                            Ok(list) => view! { <CourseList list query/> }.into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </section>
    }
}

#[component]
fn CourseList(list: Vec<CourseSummary>, query: ReadSignal<String>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="text-slate-600">"No courses are published yet. Check back soon."</p>
        }
        .into_any();
    }
    let total = list.len();
    let list = StoredValue::new(list);
    let shown = move || {
        let q = query.get();
        list.with_value(|all| {
            all.iter()
                .filter(|c| matches(c, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <p class="mb-4 text-sm text-slate-600" aria-live="polite" data-testid="course-count">
            {move || {
                let n = shown().len();
                let noun = if total == 1 { "course" } else { "courses" };
                if n == total { format!("{total} {noun}") } else { format!("{n} of {total} {noun}") }
            }}
        </p>
        <ul class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            <For each=shown key=|c| c.slug.clone() let:course>
                <CourseCard course/>
            </For>
        </ul>
        <Show when=move || shown().is_empty()>
            <p class="text-slate-600">"No courses match your search."</p>
        </Show>
    }
    .into_any()
}
