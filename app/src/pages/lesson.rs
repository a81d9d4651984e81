use crate::api::learning::{CompleteLesson, lesson_page};
use crate::components::{
    FeatureGate, FormProblem, PageError, PageSkeleton, ProgressBar, TenantForm, href,
};
use crate::error::AppError;
use crate::model::Feature;
use crate::model::learning::LessonView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LessonPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Courses>
            <Lesson/>
        </FeatureGate>
    }
}

#[component]
fn Lesson() -> impl IntoView {
    let params = use_params_map();
    let complete = ServerAction::<CompleteLesson>::new();
    let key = move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("lesson_id").unwrap_or_default(),
            complete.version().get(),
        )
    };
    let lesson = Resource::new(key, |(slug, id, _)| lesson_page(slug, id));
    view! {
        <Suspense fallback=|| view! { <PageSkeleton label="Loading lesson"/> }>
            {move || Suspend::new(async move {
                match lesson.await {
                    Ok(view) => view! { <LessonBody view complete/> }.into_any(),
                    Err(AppError::Forbidden) => {
                        let slug = params.read_untracked().get("slug").unwrap_or_default();
                        view! {
                            <div class="mx-auto max-w-3xl px-4 py-12 sm:px-6">
                                <div role="alert" class="rounded-lg border border-slate-200 bg-white p-6">
                                    <p class="font-semibold text-slate-900">"Enrol to read this lesson"</p>
                                    <p class="mt-1 text-slate-600">"Lessons open once you are enrolled in the course."</p>
                                    <a href=href(&format!("/courses/{slug}")) class="mt-4 inline-block rounded-md bg-brand px-4 py-2 font-medium text-brand-contrast">
                                        "Go to the course"
                                    </a>
                                </div>
                            </div>
                        }.into_any()
                    }
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LessonBody(view: LessonView, complete: ServerAction<CompleteLesson>) -> impl IntoView {
    let course_href = href(&format!("/courses/{}", view.course_slug));
    let slug = view.course_slug.clone();
    let lesson_href = move |id: uuid::Uuid| href(&format!("/courses/{slug}/lessons/{id}"));
    let progress = view.progress;
    let problem = Signal::derive(move || complete.value().get().and_then(|r| r.err()));
    view! {
        <Title text=format!("{} · {}", view.title, view.course_title)/>
        <article class="mx-auto max-w-3xl px-4 py-10 sm:px-6">
            <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
                <a href=course_href.clone() class="hover:underline">{view.course_title.clone()}</a>
                <span aria-hidden="true">" / "</span>
                <span>{view.module_title.clone()}</span>
            </nav>
            <div class="mt-4"><ProgressBar progress=Signal::derive(move || progress)/></div>
            <p class="mt-6 text-sm font-medium text-slate-500">{format!("Lesson {} of {}", view.number, view.total)}</p>
            <h1 class="mt-1 text-3xl font-bold text-slate-900">{view.title.clone()}</h1>
            <div class="lesson-body mt-6" inner_html=view.html.clone()></div>
            <div class="mt-10 rounded-xl border border-slate-200 bg-white p-5">
                {if view.completed {
                    view! {
                        <p class="font-medium text-emerald-700" data-testid="lesson-done">"✓ You've completed this lesson."</p>
                    }.into_any()
                } else {
                    view! {
                        <TenantForm action=complete>
                            <FormProblem from_action=problem/>
                            <input type="hidden" name="slug" value=view.course_slug.clone()/>
                            <input type="hidden" name="lesson_id" value=view.id.to_string()/>
                            <button type="submit" class="rounded-md bg-brand px-4 py-2.5 font-semibold text-brand-contrast" disabled=move || complete.pending().get()>
                                "Mark complete"
                            </button>
                        </TenantForm>
                    }.into_any()
                }}
                {progress.complete.then(|| view! {
                    <p class="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-emerald-800" role="status">
                        "🎉 Course complete. Well done!"
                    </p>
                })}
            </div>
            <nav aria-label="Lessons" class="mt-8 flex items-center justify-between gap-4">
                {view.previous.clone().map(|p| view! {
                    <a href=lesson_href(p.id) class="rounded-md border border-slate-300 px-4 py-2 text-sm" rel="prev">
                        {format!("← {}", p.title)}
                    </a>
                })}
                <span></span>
                {match view.next.clone() {
                    Some(n) => view! {
                        <a href=lesson_href(n.id) class="rounded-md border border-slate-300 px-4 py-2 text-sm" rel="next">
                            {format!("{} →", n.title)}
                        </a>
                    }.into_any(),
                    None => view! {
                        <a href=course_href class="rounded-md border border-slate-300 px-4 py-2 text-sm">"Back to the course"</a>
                    }.into_any(),
                }}
            </nav>
        </article>
    }
}
