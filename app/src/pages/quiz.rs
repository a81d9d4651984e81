use crate::api::assessments::{SubmitQuiz, quiz};
use crate::components::{
    FeatureGate, FormProblem, PageError, PageSkeleton, TenantForm, href, query_param,
};
use crate::model::Feature;
use crate::model::learning::{AttemptView, QuizQuestionView, QuizResult, QuizView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn QuizPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Assessments>
            <QuizPageBody/>
        </FeatureGate>
    }
}

#[component]
fn QuizPageBody() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("quiz_id").unwrap_or_default(),
        quiz,
    );
    view! {
            <Suspense fallback=|| view! { <PageSkeleton label="Loading quiz"/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Quiz view/> }.into_any(),
                        Err(e) => view! { <PageError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
    }
}

/// A plain form: submitting it records the try and comes back to this page, which shows the
/// result (kept in the session for one showing) above the questions and the new try below.
#[component]
fn Quiz(view: QuizView) -> impl IntoView {
    let submit = ServerAction::<SubmitQuiz>::new();
    view! {
        <Title text=view.title.clone()/>
        <section class="mx-auto max-w-3xl px-4 py-10 sm:px-6">
            <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
                <a href=href(&format!("/courses/{}", view.course_slug)) class="hover:underline">{view.course_title.clone()}</a>
            </nav>
            <h1 class="mt-3 text-3xl font-bold text-slate-900">{view.title.clone()}</h1>
            <p class="mt-2 text-slate-600">{format!("Pass mark: {}%. You can try as often as you like.", view.passing_score)}</p>
            {view.last_result.map(|result| view! { <ResultBanner result/> })}
            <TenantForm action=submit class="mt-8 space-y-6" label="Quiz answers">
                <input type="hidden" name="quiz_id" value=view.id.to_string()/>
                <Questions questions=view.questions/>
                <FormProblem from_action=Signal::derive(|| None)/>
                <button type="submit" class="rounded-md bg-brand px-5 py-2.5 font-semibold text-brand-contrast">
                    "Submit answers"
                </button>
            </TenantForm>
            <Attempts attempts=view.attempts/>
        </section>
    }
}

#[component]
fn Questions(questions: Vec<QuizQuestionView>) -> impl IntoView {
    // Options picked in a try the server sent back (an unanswered question), ticked again.
    let picked = query_param("picked").unwrap_or_default();
    let picked: Vec<&str> = picked.split(',').filter(|p| !p.is_empty()).collect();
    questions.into_iter().enumerate().map(|(i, q)| {
        let kind = if q.multiple { "checkbox" } else { "radio" };
        view! {
            <fieldset class="rounded-xl border border-slate-200 bg-white p-5">
                <legend class="px-1 font-semibold text-slate-900">{format!("{}. {}", i + 1, q.prompt)}</legend>
                {q.multiple.then(|| view! { <p class="text-sm text-slate-500">"Choose all that apply."</p> })}
                <div class="mt-3 space-y-2">
                    {q.options.into_iter().enumerate().map(|(j, o)| {
                        let id = format!("opt-{}", o.id);
                        let checked = picked.contains(&o.id.to_string().as_str());
                        // One name per radio group (so one choice per question), one per
                        // checkbox; the indices only need to be distinct.
                        let name = if q.multiple { format!("answers[{}]", i * 100 + 1 + j) } else { format!("answers[{}]", i * 100) };
                        view! {
                            <div class="flex items-center gap-3">
                                <input type=kind id=id.clone() name=name value=format!("{}:{}", q.id, o.id) checked=checked class="h-4 w-4"/>
                                <label for=id class="text-slate-800">{o.label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    }).collect_view()
}

#[component]
fn Attempts(attempts: Vec<AttemptView>) -> impl IntoView {
    view! {
        <section class="mt-10" aria-labelledby="history-heading">
            <h2 id="history-heading" class="text-lg font-semibold text-slate-900">"Your attempts"</h2>
            {if attempts.is_empty() {
                view! { <p class="mt-2 text-slate-600">"No attempts yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="mt-3 space-y-2" data-testid="attempts">
                        {attempts.into_iter().map(|a| view! {
                            <li class="flex justify-between rounded-md border border-slate-200 bg-white px-4 py-2 text-sm">
                                <span>{a.taken_at.get(..16).unwrap_or_default().replace('T', " ")}</span>
                                <span class=if a.passed { "font-medium text-emerald-700" } else { "text-slate-700" }>
                                    {format!("{}% · {}", a.score, if a.passed { "passed" } else { "not passed" })}
                                </span>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ResultBanner(result: QuizResult) -> impl IntoView {
    let (tone, headline) = if result.passed {
        (
            "border-emerald-200 bg-emerald-50 text-emerald-900",
            "You passed!",
        )
    } else {
        (
            "border-amber-200 bg-amber-50 text-amber-900",
            "Not quite. Try again.",
        )
    };
    view! {
        <div role="status" class=format!("mt-6 rounded-lg border p-4 {tone}") data-testid="quiz-result">
            <p class="font-semibold">{format!("{headline} You scored {}% ({} of {} right).", result.score, result.correct, result.total)}</p>
            {result.course_complete.then(|| view! { <p class="mt-1">"That completes the course. 🎉"</p> })}
        </div>
    }
}
