use super::ui;
use crate::api::studio::outline::{PublishLesson, SaveLesson, lesson_for_editing, preview_lesson};
use crate::components::{
    ErrorNotice, FieldMessage, PageSkeleton, StudioGate, TenantForm, guard_unsaved_changes, href,
};
use crate::error::AppError;
use crate::model::studio::LessonDraft;
use crate::model::url::escape_html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StudioLessonPage() -> impl IntoView {
    let params = use_params_map();
    let (course, lesson) = {
        let p = params.read_untracked();
        (
            p.get("id").unwrap_or_default(),
            p.get("lesson_id").unwrap_or_default(),
        )
    };
    let draft = Resource::new(
        move || (course.clone(), lesson.clone()),
        |(course, lesson)| lesson_for_editing(course, lesson),
    );
    view! {
        <Title text="Edit lesson"/>
        <StudioGate>
            <Suspense fallback=|| view! { <PageSkeleton label="Loading lesson"/> }>
                {move || Suspend::new(async move {
                    match draft.await {
                        Ok(d) => view! {
                            <Title text=format!("Edit · {}", d.title)/>
                            <LessonEditor draft=d/>
                        }.into_any(),
                        Err(e) => view! { <div class="mx-auto max-w-3xl px-4 py-12"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })}
            </Suspense>
        </StudioGate>
    }
}

/// Markdown on the left, the learner's view on the right, rendered by the server (debounced, a
/// quarter second after typing stops) with the same sanitiser learners' pages use. Saves carry
/// the version they started from, so a save over someone else's newer save is refused instead of
/// overwriting it.
///
/// An island loaded only by the studio (`lazy`); the draft comes with the page.
#[island(lazy)]
fn LessonEditor(draft: LessonDraft) -> impl IntoView {
    let save = ServerAction::<SaveLesson>::new();
    let publish = ServerAction::<PublishLesson>::new();
    let version = RwSignal::new(draft.version);
    let body = RwSignal::new(draft.body.clone());
    let dirty = RwSignal::new(false);
    let published = RwSignal::new(draft.published);
    guard_unsaved_changes(dirty);
    Effect::new(move |_| {
        if let Some(Ok(v)) = save.value().get() {
            version.set(v);
            dirty.set(false);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = publish.value().get() {
            published.update(|p| *p = !*p);
        }
    });
    let preview = RwSignal::new(draft.html.clone());
    live_preview(body, preview);
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let conflict = move || match error.get() {
        Some(AppError::Conflict(message)) => Some(message),
        _ => None,
    };
    let course_id = draft.course_id.to_string();
    let lesson_id = draft.id.to_string();
    let course_href = href(&format!("/studio/courses/{course_id}"));
    let (publish_course, publish_lesson) = (course_id.clone(), lesson_id.clone());
    let (save_course, save_lesson) = (course_id, lesson_id);
    let status = move || {
        if save.pending().get() {
            "Saving…"
        } else if dirty.get() {
            "Unsaved changes"
        } else if matches!(save.value().get(), Some(Ok(_))) {
            "All changes saved"
        } else {
            ""
        }
    };
    view! {
        <section class="mx-auto max-w-7xl px-4 py-8 sm:px-6">
            <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
                <a href=course_href class="hover:underline">{draft.course_title.clone()}</a>
                <span aria-hidden="true">" / "</span>
                <span>{draft.module_title.clone()}</span>
            </nav>
            <div class="mt-3 flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold text-slate-900">"Edit lesson"</h1>
                <div class="flex items-center gap-3">
                    <span class="text-sm text-slate-600" data-testid="lesson-state">
                        {move || if published.get() { "Published" } else { "Draft" }}
                    </span>
                    <TenantForm action=publish>
                        <input type="hidden" name="course_id" value=publish_course/>
                        <input type="hidden" name="lesson_id" value=publish_lesson/>
                        <input type="hidden" name="publish" value=move || (!published.get()).to_string()/>
                        <button type="submit" class=ui::SECONDARY>{move || if published.get() { "Unpublish" } else { "Publish" }}</button>
                    </TenantForm>
                </div>
            </div>
            {move || conflict().map(|message| view! {
                <div role="alert" class="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
                    <p class="font-semibold">"This lesson changed while you were editing"</p>
                    <p class="mt-1 text-sm">{message}</p>
                    <button type="button" class="mt-3 rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-medium"
                        on:click=move |_| {
                            dirty.set(false);
                            #[cfg(feature = "hydrate")]
                            { let _ = window().location().reload(); }
                        }>
                        "Reload the latest version"
                    </button>
                </div>
            })}
            <TenantForm action=save class="mt-6 grid gap-6 lg:grid-cols-2" label="Lesson">
                <div class="space-y-4">
                    <input type="hidden" name="course_id" value=save_course/>
                    <input type="hidden" name="lesson_id" value=save_lesson/>
                    <input type="hidden" name="version" value=move || version.get().to_string()/>
                    <div>
                        <label for="lesson-title" class=ui::LABEL>"Title"</label>
                        <input id="lesson-title" name="title" required maxlength="200" value=draft.title.clone() class=ui::INPUT
                            on:input=move |_| dirty.set(true)/>
                        <FieldMessage error field="title"/>
                    </div>
                    <div>
                        <label for="lesson-body" class=ui::LABEL>"Lesson text (Markdown)"</label>
                        <textarea id="lesson-body" name="body" rows="22" class=format!("{} font-mono text-sm", ui::INPUT)
                            aria-describedby="body-hint"
                            inner_html=escape_html(&draft.body)
                            on:input=move |ev| { body.set(event_target_value(&ev)); dirty.set(true); }></textarea>
                        <p id="body-hint" class="mt-1 text-xs text-slate-500">"## for headings, - for lists, **bold**, [links](https://…). Scripts and styles are removed."</p>
                        <FieldMessage error field="body"/>
                    </div>
                    <div class="flex items-center gap-3">
                        <button type="submit" class=ui::PRIMARY disabled=move || save.pending().get()>"Save lesson"</button>
                        <span class="text-sm text-slate-600" role="status" data-testid="save-status">{status}</span>
                    </div>
                </div>
                <div>
                    <p class=ui::LABEL>"Preview"</p>
                    <div class="lesson-body mt-1 min-h-64 rounded-lg border border-slate-200 bg-white p-5" data-testid="preview" inner_html=move || preview.get()></div>
                </div>
            </TenantForm>
        </section>
    }
}

/// Keeps `preview` showing `body` as learners will see it: once typing has paused for a quarter
/// second, the server renders the text; an answer for text that has changed since is dropped.
fn live_preview(body: RwSignal<String>, preview: RwSignal<String>) {
    let settled = RwSignal::new(body.get_untracked());
    Effect::new(move |pending: Option<Option<TimeoutHandle>>| {
        let text = body.get();
        if let Some(Some(handle)) = pending {
            handle.clear();
        }
        set_timeout_with_handle(
            move || settled.set(text),
            std::time::Duration::from_millis(250),
        )
        .ok()
    });
    let render = Action::new(|text: &String| {
        let text = text.clone();
        async move { (text.clone(), preview_lesson(text).await) }
    });
    Effect::new(move |first: Option<()>| {
        let text = settled.get();
        // The first preview came with the page.
        if first.is_some() {
            render.dispatch(text);
        }
    });
    Effect::new(move |_| {
        if let Some((text, Ok(html))) = render.value().get()
            && text == settled.get_untracked()
        {
            preview.set(html);
        }
    });
}
