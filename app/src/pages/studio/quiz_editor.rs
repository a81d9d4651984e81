use super::refresh::refreshed;
use super::ui;
use crate::api::studio::quizzes::{
    AddQuestion, DeleteQuestion, DeleteQuiz, SaveQuiz, quiz_for_editing,
};
use crate::components::{
    ErrorNotice, FieldMessage, FormProblem, PageSkeleton, StudioGate, TenantForm, go_on_success,
    href,
};
use crate::error::AppError;
use crate::model::studio::QuizDraft;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Answer rows in the "add question" form.
const OPTION_ROWS: usize = 4;

#[derive(Clone, Copy)]
struct QuizActions {
    save: ServerAction<SaveQuiz>,
    add: ServerAction<AddQuestion>,
    remove: ServerAction<DeleteQuestion>,
    delete: ServerAction<DeleteQuiz>,
}

#[component]
pub fn StudioQuizPage() -> impl IntoView {
    let params = use_params_map();
    let draft = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("id").unwrap_or_default(),
                p.get("quiz_id").unwrap_or_default(),
            )
        },
        |(course, quiz)| quiz_for_editing(course, quiz),
    );
    view! {
        <Title text="Edit quiz"/>
        <StudioGate>
            <Suspense fallback=|| view! { <PageSkeleton label="Loading quiz"/> }>
                {move || Suspend::new(async move {
                    match draft.await {
                        Ok(quiz) => view! {
                            <Title text=format!("Edit · {}", quiz.title)/>
                            <QuizEditorIsland quiz/>
                        }.into_any(),
                        Err(e) => view! { <div class="mx-auto max-w-3xl px-4 py-12"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })}
            </Suspense>
        </StudioGate>
    }
}

/// The quiz editor, an island loaded only by the studio; the quiz is read again after each
/// change.
#[island(lazy)]
fn QuizEditorIsland(quiz: QuizDraft) -> impl IntoView {
    let actions = QuizActions {
        save: ServerAction::new(),
        add: ServerAction::new(),
        remove: ServerAction::new(),
        delete: ServerAction::new(),
    };
    let (course, id) = (quiz.course_id.to_string(), quiz.id.to_string());
    let quiz = refreshed(
        quiz,
        move || {
            actions.save.version().get()
                + actions.add.version().get()
                + actions.remove.version().get()
        },
        move || quiz_for_editing(course.clone(), id.clone()),
    );
    view! { <div>{move || view! { <QuizEditor quiz=quiz.get() actions/> }}</div> }
}

#[component]
fn QuizEditor(quiz: QuizDraft, actions: QuizActions) -> impl IntoView {
    // Ids are Copy, so every form below can capture its own.
    let course_id = quiz.course_id;
    let quiz_id = quiz.id;
    let back = href(&format!("/studio/courses/{course_id}"));
    let delete_done = Signal::derive(move || {
        actions
            .delete
            .value()
            .get()
            .map(|r| r.map(|()| back.clone()))
    });
    go_on_success(delete_done);
    let save_error = Signal::derive(move || actions.save.value().get().and_then(|r| r.err()));
    let add_error = Signal::derive(move || actions.add.value().get().and_then(|r| r.err()));
    view! {
        <section class="mx-auto max-w-4xl space-y-8 px-4 py-10 sm:px-6">
            <div>
                <a href=href(&format!("/studio/courses/{course_id}")) class="text-sm text-slate-500 hover:underline">{format!("← {}", quiz.course_title)}</a>
                <h1 class="mt-1 text-3xl font-bold text-slate-900">{quiz.title.clone()}</h1>
            </div>
            <TenantForm action=actions.save class=format!("{} flex flex-wrap items-end gap-4", ui::CARD) label="Quiz settings">
                <input type="hidden" name="course_id" value=course_id.to_string()/>
                <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                <div class="flex-1">
                    <label for="quiz-title" class=ui::LABEL>"Title"</label>
                    <input id="quiz-title" name="title" required maxlength="200" value=quiz.title.clone() class=ui::INPUT/>
                    <FieldMessage error=save_error field="title"/>
                </div>
                <div>
                    <label for="quiz-pass" class=ui::LABEL>"Pass mark %"</label>
                    <input id="quiz-pass" name="passing_score" type="number" min="0" max="100" required value=quiz.passing_score.to_string() class=ui::INPUT/>
                    <FieldMessage error=save_error field="passing_score"/>
                </div>
                <button type="submit" class=ui::PRIMARY>"Save"</button>
            </TenantForm>
            <div class=format!("{} space-y-4", ui::CARD)>
                <h2 class="text-lg font-semibold text-slate-900">"Questions"</h2>
                {if quiz.questions.is_empty() {
                    view! { <p class="text-sm text-slate-600">"No questions yet. Add the first one below."</p> }.into_any()
                } else {
                    view! {
                        <ol class="space-y-3" data-testid="questions">
                            {quiz.questions.into_iter().enumerate().map(|(i, q)| view! {
                                <li class="rounded-lg border border-slate-200 p-4">
                                    <div class="flex items-start justify-between gap-3">
                                        <p class="font-medium">{format!("{}. {}", i + 1, q.prompt)}
                                            <span class="ml-2 text-xs text-slate-500">{if q.multiple { "(several answers)" } else { "(one answer)" }}</span>
                                        </p>
                                        <TenantForm action=actions.remove>
                                            <input type="hidden" name="course_id" value=course_id.to_string()/>
                                            <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                                            <input type="hidden" name="question_id" value=q.id.to_string()/>
                                            <button type="submit" class=ui::SMALL aria-label=format!("Delete question {}", i + 1)>"Delete"</button>
                                        </TenantForm>
                                    </div>
                                    <ul class="mt-2 space-y-1 text-sm">
                                        {q.options.into_iter().map(|o| view! {
                                            <li class=if o.correct { "font-medium text-emerald-800" } else { "text-slate-700" }>
                                                {if o.correct { "✓ " } else { "○ " }}{o.label}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </div>
            <TenantForm action=actions.add class=format!("{} space-y-4", ui::CARD) label="Add a question">
                <h2 class="text-lg font-semibold text-slate-900">"Add a question"</h2>
                <FormProblem from_action=Signal::derive(move || add_error.get().filter(|e| !matches!(e, AppError::Invalid(_))))/>
                <input type="hidden" name="course_id" value=course_id.to_string()/>
                <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                <div>
                    <label for="prompt" class=ui::LABEL>"Question"</label>
                    <input id="prompt" name="prompt" required maxlength="2000" class=ui::INPUT/>
                    <FieldMessage error=add_error field="prompt"/>
                </div>
                <div class="flex items-center gap-2">
                    <input id="multiple" name="multiple" type="checkbox" class="h-4 w-4"/>
                    <label for="multiple" class="text-sm">"Several answers can be right"</label>
                </div>
                <fieldset class="space-y-2">
                    <legend class=ui::LABEL>"Answers (tick the correct ones; leave unused rows empty)"</legend>
                    {(0..OPTION_ROWS).map(|i| view! {
                        <div class="flex items-center gap-3">
                            <input type="checkbox" id=format!("correct-{i}") name=format!("correct[{i}]") value=i.to_string() class="h-4 w-4"/>
                            <label for=format!("correct-{i}") class="sr-only">{format!("Answer {} is correct", i + 1)}</label>
                            <label for=format!("option-{i}") class="sr-only">{format!("Answer {}", i + 1)}</label>
                            <input id=format!("option-{i}") name=format!("options[{i}]") maxlength="500" placeholder=format!("Answer {}", i + 1) class="flex-1 rounded-md border border-slate-300 px-3 py-1.5"/>
                        </div>
                    }).collect_view()}
                    <FieldMessage error=add_error field="options"/>
                    <FieldMessage error=add_error field="correct"/>
                </fieldset>
                <button type="submit" class=ui::PRIMARY>"Add question"</button>
            </TenantForm>
            <TenantForm action=actions.delete label="Delete quiz">
                <input type="hidden" name="course_id" value=course_id.to_string()/>
                <input type="hidden" name="quiz_id" value=quiz_id.to_string()/>
                <button type="submit" class="text-sm text-red-700 underline">"Delete this quiz and its results"</button>
            </TenantForm>
        </section>
    }
}
