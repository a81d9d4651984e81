use super::course_outline::{OutlineActions, OutlineEditor};
use super::refresh::refreshed;
use super::ui;
use crate::api::studio::courses::{DeleteCourse, PublishCourse, SaveCourse, course_for_editing};
use crate::api::studio::duplicate::DuplicateCourse;
use crate::api::studio::quizzes::CreateQuiz;
use crate::components::{
    ErrorNotice, FieldMessage, FormProblem, PageSkeleton, StudioGate, TenantForm, go_on_success,
    href,
};
use crate::error::AppError;
use crate::model::AccessLevel;
use crate::model::course::format_price;
use crate::model::studio::StudioCourse;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Every action that changes what the editor shows; any of them reloads the course.
#[derive(Clone, Copy)]
struct CourseActions {
    save: ServerAction<SaveCourse>,
    publish: ServerAction<PublishCourse>,
    duplicate: ServerAction<DuplicateCourse>,
    delete: ServerAction<DeleteCourse>,
    create_quiz: ServerAction<CreateQuiz>,
    uploads: RwSignal<u32>,
    outline: OutlineActions,
}

impl CourseActions {
    fn version(&self) -> usize {
        self.save.version().get()
            + self.publish.version().get()
            + self.uploads.get() as usize
            + self.outline.version()
    }
}

#[component]
pub fn StudioCoursePage() -> impl IntoView {
    let params = use_params_map();
    let course = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        course_for_editing,
    );
    view! {
        <Title text="Edit course"/>
        <StudioGate>
            <Suspense fallback=|| view! { <PageSkeleton label="Loading course"/> }>
                {move || Suspend::new(async move {
                    match course.await {
                        Ok(course) => view! {
                            <Title text=format!("Edit · {}", course.title)/>
                            <CourseEditor course/>
                        }.into_any(),
                        Err(e) => view! { <div class="mx-auto max-w-3xl px-4 py-12"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })}
            </Suspense>
        </StudioGate>
    }
}

/// The whole editor is one island, loaded only by the studio (`lazy`): its forms save without
/// leaving the page and the course is read again after each change.
#[island(lazy)]
fn CourseEditor(course: StudioCourse) -> impl IntoView {
    let actions = CourseActions {
        save: ServerAction::new(),
        publish: ServerAction::new(),
        duplicate: ServerAction::new(),
        delete: ServerAction::new(),
        create_quiz: ServerAction::new(),
        uploads: RwSignal::new(0),
        outline: OutlineActions::new(),
    };
    go_on_success(actions.duplicate.value());
    go_on_success(actions.delete.value());
    go_on_success(actions.create_quiz.value());
    let id = course.id.to_string();
    let course = refreshed(
        course,
        move || actions.version(),
        move || course_for_editing(id.clone()),
    );
    view! { <div>{move || view! { <Editor course=course.get() actions/> }}</div> }
}

/// Each part of the editor is its own view boundary (`into_any`): one nested type for the whole
/// page overflows the compiler's query depth in the release build.
#[component]
fn Editor(course: StudioCourse, actions: CourseActions) -> impl IntoView {
    let id = course.id.to_string();
    let (duplicate_id, publish_id) = (id.clone(), id.clone());
    let learners = href(&format!("/studio/courses/{id}/learners"));
    view! {
        <section class="mx-auto max-w-5xl space-y-8 px-4 py-10 sm:px-6">
            <div class="flex flex-wrap items-center justify-between gap-4">
                <div>
                    <a href=href("/studio") class="text-sm text-slate-500 hover:underline">"← Studio"</a>
                    <h1 class="mt-1 text-3xl font-bold text-slate-900">{course.title.clone()}</h1>
                    <p class="mt-1 text-sm text-slate-600" data-testid="course-status">
                        {if course.published { "Published" } else { "Draft: only staff can see it" }}
                        {format!(" · {} learners enrolled", course.learners)}
                    </p>
                </div>
                <div class="flex flex-wrap gap-2">
                    <a href=learners class=ui::SECONDARY>"Learners"</a>
                    <TenantForm action=actions.duplicate>
                        <input type="hidden" name="id" value=duplicate_id/>
                        <button type="submit" class=ui::SECONDARY>"Duplicate"</button>
                    </TenantForm>
                    <TenantForm action=actions.publish>
                        <input type="hidden" name="id" value=publish_id/>
                        <input type="hidden" name="publish" value=(!course.published).to_string()/>
                        <button type="submit" class=ui::PRIMARY>{if course.published { "Unpublish" } else { "Publish" }}</button>
                    </TenantForm>
                </div>
            </div>
            <Settings course=course.clone() save=actions.save/>
            <Cover course=course.clone() uploads=actions.uploads/>
            <OutlineEditor course=course.clone() actions=actions.outline/>
            {course.assessments.then(|| view! { <Quizzes course=course.clone() create=actions.create_quiz/> })}
            <DangerZone course=course.clone() delete=actions.delete/>
        </section>
    }
    .into_any()
}

#[component]
fn Settings(course: StudioCourse, save: ServerAction<SaveCourse>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let price = format!("{:.2}", f64::from(course.price_cents) / 100.0);
    view! {
        <TenantForm action=save class=format!("{} space-y-4", ui::CARD) label="Course settings">
            <h2 class="text-lg font-semibold text-slate-900">"Settings"</h2>
            <FormProblem from_action=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_))))/>
            <input type="hidden" name="id" value=course.id.to_string()/>
            <input type="hidden" name="version" value=course.version.to_string()/>
            <div class="grid gap-4 sm:grid-cols-2">
                <div>
                    <label for="title" class=ui::LABEL>"Title"</label>
                    <input id="title" name="title" required maxlength="200" value=course.title.clone() class=ui::INPUT/>
                    <FieldMessage error field="title"/>
                </div>
                <div>
                    <label for="slug" class=ui::LABEL>"Web address"</label>
                    <input id="slug" name="slug" required maxlength="80" value=course.slug.clone() class=ui::INPUT/>
                    <FieldMessage error field="slug"/>
                </div>
            </div>
            <div>
                <label for="summary" class=ui::LABEL>"Summary"</label>
                <textarea id="summary" name="summary" rows="3" maxlength="2000" class=ui::INPUT
                    inner_html=crate::model::url::escape_html(&course.summary)></textarea>
                <FieldMessage error field="summary"/>
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <div>
                    <label for="access" class=ui::LABEL>"Who can see it"</label>
                    <select id="access" name="access" class=ui::INPUT>
                        <option value="public" selected=course.access == AccessLevel::Public>"Everyone"</option>
                        <option value="members" selected=course.access == AccessLevel::Members>"Members only"</option>
                    </select>
                </div>
                {(!course.levels.is_empty()).then(|| {
                    let current = course.required_level.clone().unwrap_or_default();
                    view! {
                        <div>
                            <label for="required_level" class=ui::LABEL>"Member level needed"</label>
                            <select id="required_level" name="required_level" class=ui::INPUT>
                                <option value="" selected=current.is_empty()>"Any member level"</option>
                                {course.levels.iter().map(|l| view! {
                                    <option value=l.id.clone() selected=l.id == current>{format!("{} or above", l.name)}</option>
                                }).collect_view()}
                            </select>
                            <FieldMessage error field="required_level"/>
                        </div>
                    }
                })}
                {course.selling.then(|| view! {
                    <div>
                        <label for="price" class=ui::LABEL>"Price in dollars (0 for free)"</label>
                        <input id="price" name="price" inputmode="decimal" value=price.clone() class=ui::INPUT/>
                        <FieldMessage error field="price"/>
                    </div>
                })}
            </div>
            {course.assessments.then(|| view! {
                <div class="flex items-center gap-2">
                    <input id="quiz_required" name="quiz_required" type="checkbox" checked=course.quiz_required class="h-4 w-4"/>
                    <label for="quiz_required" class="text-sm text-slate-800">"Learners must pass the quizzes to complete the course"</label>
                </div>
                <div class="max-w-xs">
                    <label for="certificate_min_score" class=ui::LABEL>"Minimum quiz score for a certificate (%)"</label>
                    <input id="certificate_min_score" name="certificate_min_score" inputmode="numeric"
                        value=course.certificate_min_score.map(|s| s.to_string()).unwrap_or_default()
                        aria-describedby="certificate_min_score-hint" class=ui::INPUT/>
                    <p id="certificate_min_score-hint" class="mt-1 text-xs text-slate-600">"Leave empty to award the certificate on completion."</p>
                    <FieldMessage error field="certificate_min_score"/>
                </div>
            })}
            <div class="flex items-center gap-3">
                <button type="submit" class=ui::PRIMARY disabled=move || save.pending().get()>"Save settings"</button>
                <Show when=saved><span class="text-sm text-emerald-700" role="status">"Saved"</span></Show>
                {(!course.selling && course.price_cents > 0).then(|| view! {
                    <span class="text-sm text-slate-500">{format!("Price {} (shop is off)", format_price(course.price_cents))}</span>
                })}
            </div>
        </TenantForm>
    }
    .into_any()
}

/// The cover image: uploaded as a plain multipart form, so it works without JavaScript too.
#[component]
fn Cover(course: StudioCourse, uploads: RwSignal<u32>) -> impl IntoView {
    use crate::api::studio::media::{UploadCover, upload_cover};
    use leptos::server_fn::ServerFn;
    let upload = Action::new_local(|data: &leptos::web_sys::FormData| {
        let data = data.clone();
        async move { upload_cover(data.into()).await }
    });
    let error = Signal::derive(move || upload.value().get().and_then(|r| r.err()));
    Effect::new(move |_| {
        if let Some(Ok(_)) = upload.value().get() {
            uploads.update(|n| *n += 1);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        use leptos::wasm_bindgen::JsCast;
        ev.prevent_default();
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
        if let Some(data) = form.and_then(|f| leptos::web_sys::FormData::new_with_form(&f).ok()) {
            upload.dispatch_local(data);
        }
    };
    view! {
        <div class=format!("{} space-y-3", ui::CARD)>
            <h2 class="text-lg font-semibold text-slate-900">"Cover image"</h2>
            {course.cover.clone().map(|path| view! {
                <img src=href(&path) alt="Current cover" class="max-h-48 rounded-lg border border-slate-200 object-cover"/>
            })}
            <form method="post" enctype="multipart/form-data" action=href(UploadCover::url()) on:submit=on_submit class="flex flex-wrap items-end gap-3">
                <input type="hidden" name="course_id" value=course.id.to_string()/>
                <div>
                    <label for="cover" class=ui::LABEL>"Image (PNG, JPEG, GIF or WebP, up to 2 MB)"</label>
                    <input id="cover" name="cover" type="file" accept="image/png,image/jpeg,image/gif,image/webp" required class="mt-1 text-sm"/>
                </div>
                <button type="submit" class=ui::SECONDARY disabled=move || upload.pending().get()>
                    {move || if upload.pending().get() { "Uploading…" } else { "Upload" }}
                </button>
            </form>
            <FieldMessage error field="cover"/>
        </div>
    }
    .into_any()
}

#[component]
fn Quizzes(course: StudioCourse, create: ServerAction<CreateQuiz>) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let id = course.id;
    view! {
        <div class=format!("{} space-y-4", ui::CARD)>
            <h2 class="text-lg font-semibold text-slate-900">"Quizzes"</h2>
            {if course.quizzes.is_empty() {
                view! { <p class="text-sm text-slate-600">"No quizzes yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="divide-y divide-slate-100">
                        {course.quizzes.clone().into_iter().map(|q| view! {
                            <li class="flex items-center justify-between py-2">
                                <a href=href(&format!("/studio/courses/{id}/quizzes/{}", q.id)) class="font-medium hover:underline">{q.title}</a>
                                <span class="text-sm text-slate-600">{format!("{} questions · pass mark {}%", q.questions, q.passing_score)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <TenantForm action=create class="flex flex-wrap items-end gap-3" label="New quiz">
                <input type="hidden" name="course_id" value=id.to_string()/>
                <div>
                    <label for="quiz-title" class=ui::LABEL>"New quiz title"</label>
                    <input id="quiz-title" name="title" required maxlength="200" class=ui::INPUT/>
                    <FieldMessage error field="title"/>
                </div>
                <div>
                    <label for="quiz-pass" class=ui::LABEL>"Pass mark %"</label>
                    <input id="quiz-pass" name="passing_score" type="number" min="0" max="100" value="70" required class=ui::INPUT/>
                    <FieldMessage error field="passing_score"/>
                </div>
                <button type="submit" class=ui::SECONDARY>"Add quiz"</button>
            </TenantForm>
        </div>
    }
    .into_any()
}

#[component]
fn DangerZone(course: StudioCourse, delete: ServerAction<DeleteCourse>) -> impl IntoView {
    let needs = move || match delete.value().get() {
        Some(Err(AppError::NeedsConfirmation { learners })) => Some(learners),
        _ => None,
    };
    let id = course.id.to_string();
    view! {
        <div class="rounded-xl border border-red-200 bg-white p-5">
            <h2 class="text-lg font-semibold text-red-800">"Delete course"</h2>
            <p class="mt-1 text-sm text-slate-600">"Deleting removes its lessons, quizzes, discussions and every learner's progress. Orders are kept."</p>
            <TenantForm action=delete class="mt-3 space-y-3" label="Delete course">
                <input type="hidden" name="id" value=id.clone()/>
                {move || needs().map(|n| view! {
                    <div role="alert" class="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
                        <p>{format!("{n} {} enrolled. Their enrolments and progress will be deleted.", if n == 1 { "learner is" } else { "learners are" })}</p>
                        <input type="hidden" name="confirm" value="yes"/>
                    </div>
                })}
                <button type="submit" class="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white">
                    {move || if needs().is_some() { "Yes, delete it" } else { "Delete course" }}
                </button>
            </TenantForm>
        </div>
    }
    .into_any()
}
