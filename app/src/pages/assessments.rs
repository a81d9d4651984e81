use crate::components::FeatureGate;
use crate::model::Feature;
use leptos::prelude::*;
use leptos_meta::Title;

/// Quizzes arrive with the learner portal; this page holds their place behind the feature flag.
#[component]
pub fn AssessmentsPage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Assessments>
            <Title text="Assessments"/>
            <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">
                <h1 class="text-3xl font-bold text-slate-900">"Assessments"</h1>
                <p class="mt-2 text-slate-600">
                    "Quizzes for your courses appear here. None are open yet."
                </p>
            </section>
        </FeatureGate>
    }
}
