//! The course editor's outline: modules and lessons, with add, rename, delete, reorder and
//! publish controls. Each control is a small form, so it works before hydration too.

use super::ui;
use crate::api::studio::outline::{
    AddLesson, AddModule, DeleteLesson, DeleteModule, MoveLesson, MoveModule, PublishLesson,
    RenameModule,
};
use crate::components::{FieldMessage, FormProblem, TenantForm, go_on_success, href};
use crate::error::AppError;
use crate::model::studio::{StudioCourse, StudioLessonRow, StudioModule};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct OutlineActions {
    add_module: ServerAction<AddModule>,
    rename_module: ServerAction<RenameModule>,
    delete_module: ServerAction<DeleteModule>,
    move_module: ServerAction<MoveModule>,
    add_lesson: ServerAction<AddLesson>,
    delete_lesson: ServerAction<DeleteLesson>,
    move_lesson: ServerAction<MoveLesson>,
    publish_lesson: ServerAction<PublishLesson>,
}

impl OutlineActions {
    pub fn new() -> Self {
        let actions = Self {
            add_module: ServerAction::new(),
            rename_module: ServerAction::new(),
            delete_module: ServerAction::new(),
            move_module: ServerAction::new(),
            add_lesson: ServerAction::new(),
            delete_lesson: ServerAction::new(),
            move_lesson: ServerAction::new(),
            publish_lesson: ServerAction::new(),
        };
        go_on_success(actions.add_lesson.value());
        actions
    }

    pub fn version(&self) -> usize {
        self.add_module.version().get()
            + self.rename_module.version().get()
            + self.delete_module.version().get()
            + self.move_module.version().get()
            + self.delete_lesson.version().get()
            + self.move_lesson.version().get()
            + self.publish_lesson.version().get()
    }

    /// The latest failure of any outline action.
    fn error(&self) -> Option<AppError> {
        let pick = |v: Option<Result<(), AppError>>| v.and_then(|r| r.err());
        pick(self.add_module.value().get())
            .or_else(|| pick(self.rename_module.value().get()))
            .or_else(|| pick(self.delete_module.value().get()))
            .or_else(|| pick(self.move_module.value().get()))
            .or_else(|| pick(self.delete_lesson.value().get()))
            .or_else(|| pick(self.move_lesson.value().get()))
            .or_else(|| pick(self.publish_lesson.value().get()))
            .or_else(|| self.add_lesson.value().get().and_then(|r| r.err()))
    }
}

#[component]
pub fn OutlineEditor(course: StudioCourse, actions: OutlineActions) -> impl IntoView {
    let course_id = course.id.to_string();
    let count = course.modules.len();
    let error = Signal::derive(move || actions.error());
    view! {
        <div class=format!("{} space-y-5", ui::CARD)>
            <div>
                <h2 class="text-lg font-semibold text-slate-900">"Outline"</h2>
                <p class="text-sm text-slate-600">"Learners see published lessons in this order."</p>
            </div>
            <FormProblem from_action=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::Invalid(_))))/>
            <ol class="space-y-4" data-testid="outline">
                {course.modules.into_iter().enumerate().map(|(i, m)| view! {
                    <ModuleCard module=m course_id=course_id.clone() first=i == 0 last=i + 1 == count actions/>
                }).collect_view()}
            </ol>
            <TenantForm action=actions.add_module class="flex flex-wrap items-end gap-3" label="Add module">
                <input type="hidden" name="course_id" value=course_id.clone()/>
                <div>
                    <label for="new-module" class=ui::LABEL>"New module"</label>
                    <input id="new-module" name="title" required maxlength="200" class=ui::INPUT placeholder="Module title"/>
                </div>
                <button type="submit" class=ui::SECONDARY>"Add module"</button>
            </TenantForm>
            <FieldMessage error field="title"/>
        </div>
    }
    .into_any()
}

/// A one-button form posting hidden `fields` to `action`. The fields are built before the view,
/// so the form's children own their values.
macro_rules! button_form {
    ($action:expr, $label:expr, $aria:expr, $fields:expr $(,)?) => {{
        let fields: Vec<(&'static str, String)> = $fields;
        let (label, aria): (String, String) = ($label, $aria);
        view! {
            <TenantForm action=$action>
                {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <button type="submit" class=ui::SMALL aria-label=aria>{label}</button>
            </TenantForm>
        }
    }};
}

#[component]
fn ModuleCard(
    module: StudioModule,
    course_id: String,
    first: bool,
    last: bool,
    actions: OutlineActions,
) -> impl IntoView {
    let mid = module.id.to_string();
    let count = module.lessons.len();
    let name = module.title.clone();
    let ids = |extra: Vec<(&'static str, String)>| {
        let mut v = vec![("course_id", course_id.clone()), ("module_id", mid.clone())];
        v.extend(extra);
        v
    };
    let up = (!first).then(|| {
        button_form!(
            actions.move_module,
            "↑".into(),
            format!("Move module {name} up"),
            ids(vec![("direction", "up".into())]),
        )
    });
    let down = (!last).then(|| {
        button_form!(
            actions.move_module,
            "↓".into(),
            format!("Move module {name} down"),
            ids(vec![("direction", "down".into())]),
        )
    });
    let delete = button_form!(
        actions.delete_module,
        "Delete".into(),
        format!("Delete module {name} and its lessons"),
        ids(vec![]),
    );
    let lessons = module
        .lessons
        .into_iter()
        .enumerate()
        .map(|(i, l)| view! { <LessonRow lesson=l course_id=course_id.clone() first=i == 0 last=i + 1 == count actions/> })
        .collect_view();
    let (rename_course, rename_module) = (course_id.clone(), mid.clone());
    let (add_course, add_module) = (course_id.clone(), mid.clone());
    let input_id = format!("module-{mid}");
    let new_lesson_id = format!("new-lesson-{mid}");
    let title = module.title.clone();
    let new_lesson_label = format!("New lesson in {name}");
    view! {
        <li class="rounded-lg border border-slate-200 p-4" data-module=name.clone()>
            <div class="flex flex-wrap items-end justify-between gap-3">
                <TenantForm action=actions.rename_module class="flex flex-1 items-end gap-2" label="Rename module">
                    <input type="hidden" name="course_id" value=rename_course/>
                    <input type="hidden" name="module_id" value=rename_module/>
                    <div class="flex-1">
                        <label for=input_id.clone() class="sr-only">"Module title"</label>
                        <input id=input_id name="title" required maxlength="200" value=title class="w-full rounded-md border border-slate-300 px-3 py-1.5 font-semibold"/>
                    </div>
                    <button type="submit" class=ui::SMALL>"Rename"</button>
                </TenantForm>
                <div class="flex gap-1">{up}{down}{delete}</div>
            </div>
            <ol class="mt-3 space-y-2">{lessons}</ol>
            <TenantForm action=actions.add_lesson class="mt-3 flex flex-wrap items-end gap-2" label="Add lesson">
                <input type="hidden" name="course_id" value=add_course/>
                <input type="hidden" name="module_id" value=add_module/>
                <label for=new_lesson_id.clone() class="sr-only">{new_lesson_label}</label>
                <input id=new_lesson_id name="title" required maxlength="200" placeholder="New lesson title" class="rounded-md border border-slate-300 px-3 py-1.5 text-sm"/>
                <button type="submit" class=ui::SMALL>"Add lesson"</button>
            </TenantForm>
        </li>
    }
}

#[component]
fn LessonRow(
    lesson: StudioLessonRow,
    course_id: String,
    first: bool,
    last: bool,
    actions: OutlineActions,
) -> impl IntoView {
    let lid = lesson.id.to_string();
    let name = lesson.title.clone();
    let ids = |extra: Vec<(&'static str, String)>| {
        let mut v = vec![("course_id", course_id.clone()), ("lesson_id", lid.clone())];
        v.extend(extra);
        v
    };
    let verb = if lesson.published {
        "Unpublish"
    } else {
        "Publish"
    };
    let publish = button_form!(
        actions.publish_lesson,
        verb.into(),
        format!("{verb} lesson {name}"),
        ids(vec![("publish", (!lesson.published).to_string())]),
    );
    let up = (!first).then(|| {
        button_form!(
            actions.move_lesson,
            "↑".into(),
            format!("Move lesson {name} up"),
            ids(vec![("direction", "up".into())]),
        )
    });
    let down = (!last).then(|| {
        button_form!(
            actions.move_lesson,
            "↓".into(),
            format!("Move lesson {name} down"),
            ids(vec![("direction", "down".into())]),
        )
    });
    let delete = button_form!(
        actions.delete_lesson,
        "Delete".into(),
        format!("Delete lesson {name}"),
        ids(vec![]),
    );
    let link = href(&format!("/studio/courses/{course_id}/lessons/{lid}"));
    let badge = if lesson.published {
        view! { <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">"Published"</span> }.into_any()
    } else {
        view! { <span class="rounded-full bg-slate-200 px-2 py-0.5 text-xs text-slate-700">"Draft"</span> }.into_any()
    };
    let link_text = name.clone();
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2" data-lesson=name>
            <div class="flex items-center gap-2">
                <a href=link class="font-medium text-slate-900 hover:underline">{link_text}</a>
                {badge}
            </div>
            <div class="flex gap-1">{publish}{up}{down}{delete}</div>
        </li>
    }
}
