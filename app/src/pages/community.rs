use crate::api::learning::my_learning;
use crate::components::{CardSkeletons, ErrorNotice, FeatureGate, href};
use crate::model::Feature;
use leptos::prelude::*;
use leptos_meta::Title;

/// Discussions of the courses the viewer is enrolled in.
#[component]
pub fn CommunityPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Community>
            <CommunityPageBody/>
        </FeatureGate>
    }
}

#[component]
fn CommunityPageBody() -> impl IntoView {
    let courses = Resource::new(|| (), |_| async { my_learning().await.map(|d| d.courses) });
    view! {
            <Title text="Community"/>
            <section class="mx-auto max-w-4xl px-4 py-12 sm:px-6">
                <h1 class="text-3xl font-bold text-slate-900">"Community"</h1>
                <p class="mt-2 text-slate-600">"Talk with the people learning alongside you. Each course has its own discussions."</p>
                <div class="mt-8">
                    <Suspense fallback=|| view! { <CardSkeletons count=2/> }>
                        {move || Suspend::new(async move {
                            match courses.await {
                                Ok(list) if list.is_empty() => view! {
                                    <p class="text-slate-600">"Enrol in a course to join its discussions. "
                                        <a href=href("/courses") class="font-medium text-brand-ink underline">"Browse courses"</a>
                                    </p>
                                }.into_any(),
                                Ok(list) => view! {
                                    <ul class="space-y-3">
                                        {list.into_iter().map(|item| view! {
                                            <li class="flex items-center justify-between rounded-lg border border-slate-200 bg-white p-4">
                                                <span class="font-medium">{item.course.title.clone()}</span>
                                                <a href=href(&format!("/courses/{}/discussions", item.course.slug)) class="rounded-md border border-slate-300 px-3 py-1 text-sm">
                                                    "Discussions"
                                                </a>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any(),
                                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                            }
                        })}
                    </Suspense>
                </div>
            </section>
    }
}
