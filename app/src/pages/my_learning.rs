use crate::api::learning::my_learning;
use crate::components::{CardSkeletons, ErrorNotice, FeatureGate, ProgressBar, href};
use crate::model::Feature;
use crate::model::certificate::CertificateItem;
use crate::model::learning::{LearningDashboard, LearningItem};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyLearningPage() -> impl IntoView {
    // The gate comes first, so a disabled feature's page starts no data loads at all.
    view! {
        <FeatureGate feature=Feature::Courses>
            <MyLearningPageBody/>
        </FeatureGate>
    }
}

#[component]
fn MyLearningPageBody() -> impl IntoView {
    let items = Resource::new(|| (), |_| my_learning());
    view! {
            <Title text="My learning"/>
            <section class="mx-auto max-w-6xl px-4 py-12 sm:px-6">
                <h1 class="text-3xl font-bold text-slate-900">"My learning"</h1>
                <p class="mt-2 text-slate-600">"Pick up where you left off."</p>
                <div class="mt-8">
                    <Suspense fallback=|| view! { <CardSkeletons/> }>
                        {move || Suspend::new(async move {
                            match items.await {
                                Ok(dashboard) => view! { <Dashboard dashboard/> }.into_any(),
                                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                            }
                        })}
                    </Suspense>
                </div>
            </section>
    }
}

#[component]
fn Dashboard(dashboard: LearningDashboard) -> impl IntoView {
    let LearningDashboard {
        courses,
        certificates,
    } = dashboard;
    view! {
        {if courses.is_empty() {
            view! {
                <p class="text-slate-600">
                    "You haven't enrolled in a course yet. "
                    <a href=href("/courses") class="font-medium text-brand-ink underline">"Browse courses"</a>
                </p>
            }.into_any()
        } else {
            view! {
                <ul class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
                    {courses.into_iter().map(|item| view! { <LearningCard item/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!certificates.is_empty()).then(|| view! {
            <section class="mt-12" aria-labelledby="certificates-heading">
                <h2 id="certificates-heading" class="text-2xl font-bold text-slate-900">"Certificates"</h2>
                <ul class="mt-4 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
                    {certificates.into_iter().map(|c| view! { <CertificateLine c/> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn CertificateLine(c: CertificateItem) -> impl IntoView {
    let code = c.code.as_str().to_owned();
    let page = href(&format!("/certificates/{code}"));
    let pdf = href(&format!("/certificates/{code}/pdf"));
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 px-5 py-4" data-certificate=code>
            <div>
                <a href=page class="font-semibold text-slate-900 hover:underline">{c.course_title.clone()}</a>
                <p class="text-sm text-slate-600">
                    {format!("Issued {}", c.issued_on)}
                    {c.revoked.then(|| view! { <span class="ml-2 font-medium text-red-800">"· Revoked"</span> })}
                </p>
            </div>
            <a href=pdf rel="external" download class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
                "PDF"<span class="sr-only">{format!(" of the certificate for {}", c.course_title)}</span>
            </a>
        </li>
    }
}

#[component]
fn LearningCard(item: LearningItem) -> impl IntoView {
    let LearningItem {
        course,
        progress,
        resume,
    } = item;
    let slug = course.slug.clone();
    view! {
        <li class="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-course=slug.clone()>
            <h2 class="text-lg font-semibold text-slate-900">
                <a href=href(&format!("/courses/{slug}")) class="hover:underline">{course.title.clone()}</a>
            </h2>
            <div class="mt-4 flex-1"><ProgressBar progress=Signal::derive(move || progress)/></div>
            {match (progress.complete, resume) {
                (true, _) => view! { <p class="mt-4 font-medium text-emerald-700">"✓ Completed"</p> }.into_any(),
                (false, Some(r)) => view! {
                    <a href=href(&format!("/courses/{slug}/lessons/{}", r.id)) class="mt-4 block rounded-md bg-brand px-4 py-2 text-center font-medium text-brand-contrast">
                        {format!("Continue: {}", r.title)}
                    </a>
                }.into_any(),
                (false, None) => ().into_any(),
            }}
        </li>
    }
}
