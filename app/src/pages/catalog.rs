use crate::api::catalog::list_courses;
use crate::components::{CourseCard, ErrorNotice, FeatureGate};
use crate::model::{CourseSummary, Feature};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CatalogPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Courses>
            <Catalog/>
        </FeatureGate>
    }
}

/// What a card is searched by: its title and summary, lower-cased.
fn search_text(course: &CourseSummary) -> String {
    format!("{} {}", course.title, course.summary).to_lowercase()
}

fn matches(text: &str, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty() || text.contains(&query)
}

fn count_text(shown: usize, total: usize) -> String {
    let noun = if total == 1 { "course" } else { "courses" };
    if shown == total {
        format!("{total} {noun}")
    } else {
        format!("{shown} of {total} {noun}")
    }
}

#[component]
fn Catalog() -> impl IntoView {
    // `?q=` is the search without JavaScript (the search box is a GET form).
    let query = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    // Rendered on the server only, so the list is awaited where it is shown: no resource to
    // track or serialise, and no fallback (the page is sent once it is complete).
    let courses = Suspend::new(async move {
        match list_courses().await {
            Ok(list) => view! { <Courses list query/> }.into_any(),
            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
        }
    });
    view! {
        <Title text="Courses"/>
        <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">{courses}</section>
    }
}

/// Every card is on the page; those that do not match the search are `hidden`, so the search
/// box can show them again without asking the server.
#[component]
fn Courses(list: Vec<CourseSummary>, query: String) -> impl IntoView {
    let total = list.len();
    let cards = list
        .into_iter()
        .map(|course| {
            let text = search_text(&course);
            let hidden = !matches(&text, &query);
            (course, text, hidden)
        })
        .collect::<Vec<_>>();
    let shown = cards.iter().filter(|(_, _, hidden)| !hidden).count();
    let empty = total == 0;
    view! {
        <CourseSearch query total shown>
            {if empty {
                view! { <p class="text-slate-600">"No courses are published yet. Check back soon."</p> }.into_any()
            } else {
                view! {
                    <ul class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
                        {cards.into_iter().map(|(course, text, hidden)| view! {
                            <CourseCard course search=text hidden/>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </CourseSearch>
    }
}

/// The heading, the search box and the count around the list. An island: as the visitor types
/// it hides the cards (`[data-search]`) that do not match. Without JavaScript the box is a GET
/// form and the server does the same.
#[island]
fn CourseSearch(query: String, total: usize, shown: usize, children: Children) -> impl IntoView {
    let (query, set_query) = signal(query);
    let (shown, set_shown) = signal(shown);
    let filter = move |text: String| {
        set_shown.set(hide_cards_not_matching(&text).unwrap_or(total));
        set_query.set(text);
    };
    view! {
        <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
            <div>
                <h1 class="text-3xl font-bold text-slate-900">"Courses"</h1>
                <p class="mt-2 text-slate-600">"Everything you can study here."</p>
            </div>
            <form method="get" role="search" class="sm:w-72" on:submit=|ev| ev.prevent_default()>
                <label for="course-search" class="block text-sm font-medium text-slate-700">"Search courses"</label>
                <input
                    id="course-search"
                    name="q"
                    type="search"
                    placeholder="Title or topic"
                    class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"
                    prop:value=query
                    on:input=move |ev| filter(event_target_value(&ev))
                />
            </form>
        </div>
        <div class="mt-8">
            <p class="mb-4 text-sm text-slate-600" aria-live="polite" data-testid="course-count">
                {move || count_text(shown.get(), total)}
            </p>
            {children()}
            <p class="mt-4 text-slate-600" class:hidden={move || total == 0 || shown.get() > 0}>
                "No courses match your search."
            </p>
        </div>
    }
}

/// Hides the cards whose search text does not contain `query` and shows the others; returns how
/// many are shown.
#[cfg(feature = "hydrate")]
fn hide_cards_not_matching(query: &str) -> Option<usize> {
    use leptos::wasm_bindgen::JsCast;
    let cards = document().query_selector_all("[data-search]").ok()?;
    let mut shown = 0;
    for i in 0..cards.length() {
        let Some(card) = cards
            .item(i)
            .and_then(|node| node.dyn_into::<leptos::web_sys::Element>().ok())
        else {
            continue;
        };
        let text = card.get_attribute("data-search").unwrap_or_default();
        let visible = matches(&text, query);
        let _ = card.toggle_attribute_with_force("hidden", !visible);
        shown += usize::from(visible);
    }
    Some(shown)
}

#[cfg(not(feature = "hydrate"))]
fn hide_cards_not_matching(_query: &str) -> Option<usize> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_title_or_summary_ignoring_case_and_spaces() {
        assert!(matches("pioneer training learn to lead", "  Pioneer "));
        assert!(matches("pioneer training learn to lead", ""));
        assert!(!matches(
            "pioneer training learn to lead",
            "nothing like this"
        ));
        assert_eq!(count_text(1, 1), "1 course");
        assert_eq!(count_text(0, 1), "0 of 1 course");
        assert_eq!(count_text(2, 3), "2 of 3 courses");
    }
}
