use crate::model::course::format_price;
use crate::model::{AccessLevel, CourseSummary};
use leptos::prelude::*;

/// `search` (lower-cased words to match) and `hidden` are for lists that the catalog's search box
/// filters in the browser.
#[component]
pub fn CourseCard(
    course: CourseSummary,
    #[prop(optional)] search: Option<String>,
    #[prop(optional)] hidden: bool,
) -> impl IntoView {
    let href = super::href(&format!("/courses/{}", course.slug));
    let cover = course.cover.as_deref().map(super::href);
    let lessons = match course.lesson_count {
        1 => "1 lesson".to_owned(),
        n => format!("{n} lessons"),
    };
    view! {
        <li data-search=search hidden=hidden class="group relative flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:shadow-md focus-within:ring-2 focus-within:ring-brand">
            {match cover {
                Some(src) => view! { <img src=src alt="" class="-mx-5 -mt-5 mb-4 h-36 w-[calc(100%+2.5rem)] rounded-t-xl object-cover"/> }.into_any(),
                None => view! { <div class="mb-3 h-1.5 w-12 rounded-full bg-brand-2"></div> }.into_any(),
            }}
            <h3 class="text-lg font-semibold text-slate-900">
                <a href=href class="after:absolute after:inset-0 focus:outline-none">
                    {course.title}
                </a>
            </h3>
            <p class="mt-2 flex-1 text-sm text-slate-600">{course.summary}</p>
            <div class="mt-4 flex flex-wrap items-center gap-2 text-xs font-medium">
                <span class="rounded-full bg-slate-100 px-2.5 py-1 text-slate-700">{lessons}</span>
                {(course.access == AccessLevel::Members)
                    .then(|| view! {
                        <span class="rounded-full bg-brand-2 px-2.5 py-1 text-brand-2-contrast">"Members only"</span>
                    })}
                {course.level.clone().map(|level| view! {
                    <span class="rounded-full bg-slate-900 px-2.5 py-1 text-white">
                        {if course.locked { format!("Locked · {level} level") } else { format!("{level} level") }}
                    </span>
                })}
                {course.price_cents.map(|cents| view! {
                    <span class="rounded-full bg-accent px-2.5 py-1 text-accent-contrast">{format_price(cents)}</span>
                })}
            </div>
        </li>
    }
}
