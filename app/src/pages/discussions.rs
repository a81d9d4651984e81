use crate::api::community::{StartThread, discussion_board};
use crate::components::{FeatureGate, FormProblem, PageError, PageSkeleton, TenantForm, href};
use crate::model::Feature;
use crate::model::learning::BoardView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A course's discussion threads, and a form to start one.
#[component]
pub fn DiscussionsPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Community>
            <DiscussionsPageBody/>
        </FeatureGate>
    }
}

#[component]
fn DiscussionsPageBody() -> impl IntoView {
    let params = use_params_map();
    let board = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        discussion_board,
    );
    view! {
            <Suspense fallback=|| view! { <PageSkeleton label="Loading discussions"/> }>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(b) => view! { <Board board=b/> }.into_any(),
                        Err(e) => view! { <PageError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
    }
}

#[component]
fn Board(board: BoardView) -> impl IntoView {
    let start = ServerAction::<StartThread>::new();
    let problem = Signal::derive(move || start.value().get().and_then(|r| r.err()));
    let slug = board.course_slug.clone();
    view! {
        <Title text=format!("Discussions · {}", board.course_title)/>
        <section class="mx-auto max-w-3xl px-4 py-10 sm:px-6">
            <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
                <a href=href(&format!("/courses/{slug}")) class="hover:underline">{board.course_title.clone()}</a>
            </nav>
            <h1 class="mt-3 text-3xl font-bold text-slate-900">"Discussions"</h1>
            {if board.threads.is_empty() {
                view! { <p class="mt-6 text-slate-600">"No conversations yet. Start the first one below."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-6 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
                        {board.threads.into_iter().map(|t| view! {
                            <li class="p-4">
                                <a href=href(&format!("/courses/{slug}/discussions/{}", t.id)) class="font-medium text-slate-900 hover:underline">
                                    {t.title.clone()}
                                </a>
                                <p class="text-sm text-slate-500">
                                    {format!("{} · {} {}", t.author, t.replies, if t.replies == 1 { "reply" } else { "replies" })}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <TenantForm action=start class="mt-10 space-y-4 rounded-xl border border-slate-200 bg-white p-5" label="Start a discussion">
                <h2 class="text-lg font-semibold text-slate-900">"Start a discussion"</h2>
                <FormProblem from_action=problem/>
                <input type="hidden" name="slug" value=board.course_slug.clone()/>
                <div>
                    <label for="title" class="block text-sm font-medium text-slate-700">"Title"</label>
                    <input id="title" name="title" required maxlength="200" class="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"/>
                </div>
                <div>
                    <label for="body" class="block text-sm font-medium text-slate-700">"Message"</label>
                    <textarea id="body" name="body" required rows="5" aria-describedby="body-hint" class="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"></textarea>
                    <p id="body-hint" class="mt-1 text-xs text-slate-500">"Markdown works: **bold**, lists, links."</p>
                </div>
                <button type="submit" class="rounded-md bg-brand px-4 py-2 font-semibold text-brand-contrast" disabled=move || start.pending().get()>
                    "Post"
                </button>
            </TenantForm>
        </section>
    }
}
