use crate::api::assessments::my_quizzes;
use crate::components::{CardSkeletons, ErrorNotice, FeatureGate, href};
use crate::model::Feature;
use leptos::prelude::*;
use leptos_meta::Title;

/// Quizzes of the courses the viewer is enrolled in.
#[component]
pub fn AssessmentsPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Assessments>
            <AssessmentsPageBody/>
        </FeatureGate>
    }
}

#[component]
fn AssessmentsPageBody() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_quizzes());
    view! {
            <Title text="Assessments"/>
            <section class="mx-auto max-w-4xl px-4 py-12 sm:px-6">
                <h1 class="text-3xl font-bold text-slate-900">"Assessments"</h1>
                <p class="mt-2 text-slate-600">"Quizzes from the courses you're enrolled in."</p>
                <div class="mt-8">
                    <Suspense fallback=|| view! { <CardSkeletons count=2/> }>
                        {move || Suspend::new(async move {
                            match data.await {
                                Ok(list) if list.is_empty() => view! {
                                    <p class="text-slate-600">"No quizzes yet. Enrol in a course with an assessment to see it here."</p>
                                }.into_any(),
                                Ok(list) => view! {
                                    <div class="space-y-8">
                                        {list.into_iter().map(|c| view! {
                                            <section>
                                                <h2 class="text-lg font-semibold text-slate-900">
                                                    <a href=href(&format!("/courses/{}", c.course_slug)) class="hover:underline">{c.course_title}</a>
                                                </h2>
                                                <ul class="mt-3 space-y-2">
                                                    {c.quizzes.into_iter().map(|q| view! {
                                                        <li class="flex items-center justify-between rounded-lg border border-slate-200 bg-white p-4">
                                                            <span class="font-medium">{q.title}</span>
                                                            <span class="flex items-center gap-3 text-sm">
                                                                {q.best_score.map(|s| format!("Best {s}%"))}
                                                                {q.passed.then(|| view! { <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-800">"Passed"</span> })}
                                                                <a href=href(&format!("/assessments/{}", q.id)) class="rounded-md border border-slate-300 px-3 py-1">"Open"</a>
                                                            </span>
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            </section>
                                        }).collect_view()}
                                    </div>
                                }.into_any(),
                                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                            }
                        })}
                    </Suspense>
                </div>
            </section>
    }
}
