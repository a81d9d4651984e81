use crate::api::studio::insight::learner_insight;
use crate::components::{ErrorNotice, PageSkeleton, StudioGate, href};
use crate::model::studio::CourseInsight;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StudioLearnersPage() -> impl IntoView {
    let params = use_params_map();
    let insight = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        learner_insight,
    );
    view! {
        <Title text="Learners"/>
        <StudioGate>
            <Suspense fallback=|| view! { <PageSkeleton label="Loading learners"/> }>
                {move || Suspend::new(async move {
                    match insight.await {
                        Ok(i) => view! { <LearnerTable insight=i/> }.into_any(),
                        Err(e) => view! { <div class="mx-auto max-w-3xl px-4 py-12"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })}
            </Suspense>
        </StudioGate>
    }
}

#[component]
fn LearnerTable(insight: CourseInsight) -> impl IntoView {
    let id = insight.course_id;
    let day = |s: &str| s.get(..10).unwrap_or_default().to_owned();
    view! {
        <section class="mx-auto max-w-6xl px-4 py-10 sm:px-6">
            <a href=href(&format!("/studio/courses/{id}")) class="text-sm text-slate-500 hover:underline">{format!("← {}", insight.course_title)}</a>
            <div class="mt-1 flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-3xl font-bold text-slate-900">"Learners"</h1>
                <a href=href(&format!("/studio/courses/{id}/learners.csv")) download="learners.csv"
                    class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium">"Download CSV"</a>
            </div>
            {if insight.learners.is_empty() {
                view! { <p class="mt-6 text-slate-600">"Nobody has enrolled yet."</p> }.into_any()
            } else {
                view! {
                    <div class="mt-6 overflow-x-auto">
                        <table class="w-full rounded-xl border border-slate-200 bg-white text-left text-sm">
                            <thead class="bg-slate-50 text-slate-600">
                                <tr>
                                    <th scope="col" class="px-4 py-3">"Learner"</th>
                                    <th scope="col" class="px-4 py-3">"Enrolled"</th>
                                    <th scope="col" class="px-4 py-3">"Progress"</th>
                                    <th scope="col" class="px-4 py-3">"Last activity"</th>
                                    {insight.quiz_titles.iter().map(|t| view! { <th scope="col" class="px-4 py-3">{t.clone()}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-slate-100">
                                {insight.learners.into_iter().map(|l| view! {
                                    <tr>
                                        <td class="px-4 py-3"><span class="font-medium">{l.name}</span><br/><span class="text-slate-500">{l.email}</span></td>
                                        <td class="px-4 py-3">{day(&l.enrolled_at)}</td>
                                        <td class="px-4 py-3">{if l.completed { "Completed".to_owned() } else { format!("{}%", l.percent) }}</td>
                                        <td class="px-4 py-3">{l.last_activity.as_deref().map(day).unwrap_or_else(|| "—".into())}</td>
                                        {l.quiz_scores.into_iter().map(|s| view! { <td class="px-4 py-3">{s.map(|v| format!("{v}%")).unwrap_or_else(|| "—".into())}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
