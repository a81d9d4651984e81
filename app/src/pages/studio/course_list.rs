use super::ui;
use crate::api::studio::courses::{CreateCourse, studio_courses};
use crate::components::{
    ErrorNotice, FieldMessage, FormProblem, StudioGate, TenantForm, go_on_success, href,
};
use crate::model::studio::slugify;
use leptos::prelude::*;
use leptos_meta::Title;

/// All courses, drafts included, and a form to start a new one.
#[component]
pub fn StudioHomePage() -> impl IntoView {
    let courses = Resource::new(|| (), |_| studio_courses());
    view! {
        <Title text="Studio"/>
        <StudioGate>
            <section class="mx-auto max-w-6xl px-4 py-10 sm:px-6">
                <h1 class="text-3xl font-bold text-slate-900">"Studio"</h1>
                <p class="mt-2 text-slate-600">"Write, organise and publish this organisation's courses."</p>
                <div class="mt-8 grid gap-8 lg:grid-cols-[1fr_22rem]">
                    <Suspense fallback=|| view! { <p>"Loading courses…"</p> }>
                        {move || Suspend::new(async move {
                            match courses.await {
                                Ok(list) if list.is_empty() => view! { <p class="text-slate-600">"No courses yet. Start one on the right."</p> }.into_any(),
                                Ok(list) => view! {
                                    <table class="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm">
                                        <thead class="bg-slate-50 text-slate-600">
                                            <tr>
                                                <th scope="col" class="px-4 py-3 font-medium">"Course"</th>
                                                <th scope="col" class="px-4 py-3 font-medium">"Status"</th>
                                                <th scope="col" class="px-4 py-3 font-medium">"Lessons"</th>
                                                <th scope="col" class="px-4 py-3 font-medium">"Learners"</th>
                                            </tr>
                                        </thead>
                                        <tbody class="divide-y divide-slate-100">
                                            {list.into_iter().map(|c| view! {
                                                <tr>
                                                    <td class="px-4 py-3">
                                                        <a href=href(&format!("/studio/courses/{}", c.id)) class="font-medium text-slate-900 hover:underline">{c.title}</a>
                                                        <p class="text-xs text-slate-500">{format!("/courses/{}", c.slug)}</p>
                                                    </td>
                                                    <td class="px-4 py-3">
                                                        {if c.published {
                                                            view! { <span class="rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-800">"Published"</span> }.into_any()
                                                        } else {
                                                            view! { <span class="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">"Draft"</span> }.into_any()
                                                        }}
                                                    </td>
                                                    <td class="px-4 py-3">{c.lessons}</td>
                                                    <td class="px-4 py-3">{c.learners}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any(),
                                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                            }
                        })}
                    </Suspense>
                    <NewCourseForm/>
                </div>
            </section>
        </StudioGate>
    }
}

/// An island, loaded only by the studio (`lazy`): the web address follows the title as it is
/// typed, and a new draft opens in the editor.
#[island(lazy)]
fn NewCourseForm() -> impl IntoView {
    let create = ServerAction::<CreateCourse>::new();
    go_on_success(create.value());
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let (title, set_title) = signal(String::new());
    let (slug, set_slug) = signal(String::new());
    // The slug follows the title until the instructor edits it.
    let (slug_edited, set_slug_edited) = signal(false);
    view! {
        <TenantForm action=create class=format!("{} space-y-4 self-start", ui::CARD) label="New course">
            <h2 class="text-lg font-semibold text-slate-900">"New course"</h2>
            <FormProblem from_action=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Invalid(_))))/>
            <div>
                <label for="new-title" class=ui::LABEL>"Title"</label>
                <input id="new-title" name="title" required maxlength="200" class=ui::INPUT
                    prop:value=title
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        if !slug_edited.get_untracked() {
                            set_slug.set(slugify(&value));
                        }
                        set_title.set(value);
                    }/>
                <FieldMessage error field="title"/>
            </div>
            <div>
                <label for="new-slug" class=ui::LABEL>"Web address"</label>
                <input id="new-slug" name="slug" required maxlength="80" class=ui::INPUT aria-describedby="new-slug-hint"
                    prop:value=slug
                    on:input=move |ev| { set_slug_edited.set(true); set_slug.set(event_target_value(&ev)); }/>
                <p id="new-slug-hint" class="mt-1 text-xs text-slate-500">"Lowercase letters, digits and hyphens. Suggested from the title."</p>
                <FieldMessage error field="slug"/>
            </div>
            <div>
                <label for="new-summary" class=ui::LABEL>"Summary"</label>
                <textarea id="new-summary" name="summary" rows="3" maxlength="2000" class=ui::INPUT></textarea>
                <FieldMessage error field="summary"/>
            </div>
            <div>
                <label for="new-access" class=ui::LABEL>"Who can see it"</label>
                <select id="new-access" name="access" class=ui::INPUT>
                    <option value="public">"Everyone"</option>
                    <option value="members">"Members only"</option>
                </select>
            </div>
            <button type="submit" class=ui::PRIMARY disabled=move || create.pending().get()>"Create draft"</button>
        </TenantForm>
    }
}
