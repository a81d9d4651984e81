use crate::api::community::{EditPost, RemovePost, ReplyToThread, discussion_thread};
use crate::components::{FeatureGate, FormProblem, PageError, PageSkeleton, TenantForm, href};
use crate::model::Feature;
use crate::model::learning::{PostView, ThreadView};
use crate::model::url::escape_html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The actions a thread page offers, shared by its posts; any of them reloads the thread.
#[derive(Clone, Copy)]
struct PostActions {
    reply: ServerAction<ReplyToThread>,
    edit: ServerAction<EditPost>,
    remove: ServerAction<RemovePost>,
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Community>
            <ThreadPageBody/>
        </FeatureGate>
    }
}

#[component]
fn ThreadPageBody() -> impl IntoView {
    let params = use_params_map();
    let actions = PostActions {
        reply: ServerAction::new(),
        edit: ServerAction::new(),
        remove: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("slug").unwrap_or_default(),
                p.get("thread_id").unwrap_or_default(),
                actions.reply.version().get()
                    + actions.edit.version().get()
                    + actions.remove.version().get(),
            )
        },
        |(slug, id, _)| discussion_thread(slug, id),
    );
    view! {
            <Suspense fallback=|| view! { <PageSkeleton label="Loading conversation"/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(t) => view! { <Thread thread=t actions/> }.into_any(),
                        Err(e) => view! { <PageError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
    }
}

#[component]
fn Thread(thread: ThreadView, actions: PostActions) -> impl IntoView {
    let slug = thread.course_slug.clone();
    let problem = Signal::derive(move || {
        actions
            .reply
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| actions.edit.value().get().and_then(|r| r.err()))
            .or_else(|| actions.remove.value().get().and_then(|r| r.err()))
    });
    view! {
        <Title text=thread.title.clone()/>
        <section class="mx-auto max-w-3xl px-4 py-10 sm:px-6">
            <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
                <a href=href(&format!("/courses/{slug}")) class="hover:underline">{thread.course_title.clone()}</a>
                <span aria-hidden="true">" / "</span>
                <a href=href(&format!("/courses/{slug}/discussions")) class="hover:underline">"Discussions"</a>
            </nav>
            <h1 class="mt-3 text-2xl font-bold text-slate-900">{thread.title.clone()}</h1>
            <div class="mt-4"><FormProblem from_action=problem/></div>
            <ol class="mt-6 space-y-4">
                <Post post=thread.opening.clone() slug=slug.clone() actions/>
                {thread.replies.into_iter().map(|p| view! { <Post post=p slug=slug.clone() actions/> }).collect_view()}
            </ol>
            {thread.can_reply.then(|| view! {
                <TenantForm action=actions.reply class="mt-8 space-y-3 rounded-xl border border-slate-200 bg-white p-5" label="Reply">
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="thread_id" value=thread.id.to_string()/>
                    <label for="reply-body" class="block text-sm font-medium text-slate-700">"Your reply"</label>
                    <textarea id="reply-body" name="body" required rows="4" class="w-full rounded-md border border-slate-300 px-3 py-2"></textarea>
                    <button type="submit" class="rounded-md bg-brand px-4 py-2 font-semibold text-brand-contrast">"Reply"</button>
                </TenantForm>
            })}
        </section>
    }
}

#[component]
fn Post(post: PostView, slug: String, actions: PostActions) -> impl IntoView {
    let id = post.id.to_string();
    let (edit_slug, edit_id) = (slug.clone(), id.clone());
    let (remove_slug, remove_id) = (slug, id.clone());
    view! {
        <li class="rounded-xl border border-slate-200 bg-white p-5" data-post-id=id>
            <p class="text-sm text-slate-500">
                <span class="font-medium text-slate-800">{post.author.clone()}</span>
                {format!(" · {}", post.created_at.get(..10).unwrap_or_default())}
                {post.edited.then_some(" · edited")}
            </p>
            {if post.removed {
                view! { <p class="mt-2 italic text-slate-500">"This post was removed."</p> }.into_any()
            } else {
                view! { <div class="post-body mt-2" inner_html=post.html.clone()></div> }.into_any()
            }}
            <div class="mt-3 flex flex-wrap gap-3">
                {post.source.clone().filter(|_| post.can_edit).map(|source| view! {
                    <details>
                        <summary class="cursor-pointer text-sm text-brand-ink underline">"Edit"</summary>
                        <TenantForm action=actions.edit class="mt-2 space-y-2" label="Edit post">
                            <input type="hidden" name="slug" value=edit_slug.clone()/>
                            <input type="hidden" name="post_id" value=edit_id.clone()/>
                            <label class="sr-only" for=format!("edit-{edit_id}")>"Edit your post"</label>
                            <textarea id=format!("edit-{edit_id}") name="body" rows="4" class="w-full rounded-md border border-slate-300 px-3 py-2" inner_html=escape_html(&source)></textarea>
                            <button type="submit" class="rounded-md bg-brand px-3 py-1.5 text-sm text-brand-contrast">"Save"</button>
                        </TenantForm>
                    </details>
                })}
                {post.can_remove.then(|| view! {
                    <TenantForm action=actions.remove label="Remove post">
                        <input type="hidden" name="slug" value=remove_slug.clone()/>
                        <input type="hidden" name="post_id" value=remove_id.clone()/>
                        <button type="submit" class="text-sm text-red-700 underline">"Remove"</button>
                    </TenantForm>
                })}
            </div>
        </li>
    }
}
