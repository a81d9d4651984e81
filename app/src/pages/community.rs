use crate::components::FeatureGate;
use crate::model::Feature;
use leptos::prelude::*;
use leptos_meta::Title;

/// Discussions arrive with the learner portal; this page holds their place behind the flag.
#[component]
pub fn CommunityPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Community>
            <Title text="Community"/>
            <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">
                <h1 class="text-3xl font-bold text-slate-900">"Community"</h1>
                <p class="mt-2 text-slate-600">
                    "Course discussions appear here. No conversations have started yet."
                </p>
            </section>
        </FeatureGate>
    }
}
