use crate::api::auth::JoinTenant;
use crate::api::catalog::course_outline;
use crate::api::learning::Enroll;
use crate::components::{
    FeatureGate, FormProblem, PageError, PageSkeleton, ProgressBar, TenantForm, href,
};
use crate::model::course::format_price;
use crate::model::learning::{CourseStanding, QuizSummary};
use crate::model::{AccessLevel, CourseDetail, Feature, FormError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

#[component]
pub fn CoursePage() -> impl IntoView {
    view! {
        <FeatureGate feature=Feature::Courses>
            <Course/>
        </FeatureGate>
    }
}

#[component]
fn Course() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let course = Resource::new(slug, course_outline);
    view! {
        <Suspense fallback=|| view! { <PageSkeleton label="Loading course"/> }>
            {move || Suspend::new(async move {
                match course.await {
                    Ok(detail) => view! { <CourseOutline detail/> }.into_any(),
                    Err(e) => view! { <PageError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The outline's modules and lessons. A view boundary of its own (`into_any`): nesting the whole
/// page in one type overflows the compiler's query depth in the release build.
#[component]
fn ModuleList(
    modules: Vec<crate::model::ModuleOutline>,
    slug: String,
    done: Vec<uuid::Uuid>,
    enrolled: bool,
) -> impl IntoView {
    view! {
        <section class="mt-8" aria-labelledby="outline-heading">
            <h2 id="outline-heading" class="text-xl font-semibold text-slate-900">"Course outline"</h2>
            {if modules.is_empty() {
                view! { <p class="mt-4 text-slate-600">"Lessons for this course are being prepared."</p> }.into_any()
            } else {
                view! {
                    <ol class="mt-4 space-y-6">
                        {modules.into_iter().enumerate().map(|(i, m)| {
                            let slug = slug.clone();
                            let done = done.clone();
                            view! {
                                <li class="rounded-xl border border-slate-200 bg-white p-5">
                                    <h3 class="font-semibold text-slate-900">
                                        <span class="text-brand-ink">{format!("Module {} · ", i + 1)}</span>
                                        {m.title}
                                    </h3>
                                    <ol class="mt-3 space-y-1 text-slate-700">
                                        {m.lessons.into_iter().map(|l| {
                                            let finished = done.contains(&l.id);
                                            let link = href(&format!("/courses/{slug}/lessons/{}", l.id));
                                            view! {
                                                <li data-lesson-id=l.id.to_string() class="flex items-center gap-2">
                                                    <span aria-hidden="true" class=if finished { "text-emerald-600" } else { "text-slate-300" }>
                                                        {if finished { "✓" } else { "○" }}
                                                    </span>
                                                    {if enrolled {
                                                        view! { <a href=link class="hover:underline">{l.title.clone()}</a> }.into_any()
                                                    } else {
                                                        view! { <span>{l.title.clone()}</span> }.into_any()
                                                    }}
                                                    {finished.then(|| view! { <span class="sr-only">" (completed)"</span> })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ol>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn CourseOutline(detail: CourseDetail) -> impl IntoView {
    let CourseDetail {
        course,
        modules,
        quizzes,
        quiz_required,
        discussions,
        standing,
    } = detail;
    let lesson_total = course.lesson_count;
    let slug = course.slug.clone();
    let enrolled = standing.enrolled;
    let done = standing.completed_lessons.clone();
    view! {
        <Title text=course.title.clone()/>
        <article class="mx-auto grid max-w-6xl gap-10 px-4 py-12 sm:px-6 lg:grid-cols-[1fr_20rem]">
            <div>
                <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
                    <a href=href("/courses") class="hover:underline">"Courses"</a>
                    <span aria-hidden="true">" / "</span>
                    <span aria-current="page">{course.title.clone()}</span>
                </nav>
                {course.cover.as_deref().map(|c| view! {
                    <img src=href(c) alt="" class="mt-4 h-56 w-full rounded-xl object-cover"/>
                })}
                {view! {
                    <header class="mt-4 border-b border-slate-200 pb-8">
                        <h1 class="text-3xl font-bold text-slate-900 sm:text-4xl">{course.title.clone()}</h1>
                        <p class="mt-4 text-lg text-slate-600">{course.summary.clone()}</p>
                        <div class="mt-4 flex flex-wrap gap-2 text-sm font-medium">
                            <span class="rounded-full bg-slate-100 px-3 py-1 text-slate-700">
                                {format!("{} modules · {lesson_total} lessons", modules.len())}
                            </span>
                            {(course.access == AccessLevel::Members).then(|| view! {
                                <span class="rounded-full bg-brand-2 px-3 py-1 text-brand-2-contrast">"Members only"</span>
                            })}
                            {course.price_cents.map(|c| view! {
                                <span class="rounded-full bg-accent px-3 py-1 text-accent-contrast">{format_price(c)}</span>
                            })}
                        </div>
                    </header>
                }.into_any()}
                <ModuleList modules slug=slug.clone() done enrolled/>
                {(!quizzes.is_empty()).then(|| view! {
                    <QuizList quizzes enrolled required=quiz_required/>
                })}
            </div>
            <aside class="lg:pt-10">
                <StandingPanel slug=course.slug.clone() price=course.price_cents standing discussions
                    locked=course.level.clone()/>
            </aside>
        </article>
    }
    .into_any()
}

#[component]
fn QuizList(quizzes: Vec<QuizSummary>, enrolled: bool, required: bool) -> impl IntoView {
    view! {
        <section class="mt-10" aria-labelledby="quiz-heading">
            <h2 id="quiz-heading" class="text-xl font-semibold text-slate-900">"Assessments"</h2>
            {required.then(|| view! {
                <p class="mt-1 text-sm text-slate-600">"Pass these to complete the course."</p>
            })}
            <ul class="mt-4 space-y-3">
                {quizzes.into_iter().map(|q| view! {
                    <li class="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white p-4">
                        <div>
                            <p class="font-medium text-slate-900">{q.title.clone()}</p>
                            <p class="text-sm text-slate-600">
                                {format!("{} questions · pass mark {}%", q.question_count, q.passing_score)}
                                {q.best_score.map(|s| format!(" · best score {s}%"))}
                            </p>
                        </div>
                        <div class="flex items-center gap-3">
                            {q.passed.then(|| view! {
                                <span class="rounded-full bg-emerald-100 px-3 py-1 text-sm font-medium text-emerald-800">"Passed"</span>
                            })}
                            {enrolled.then(|| view! {
                                <a href=href(&format!("/assessments/{}", q.id)) class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium">
                                    {if q.best_score.is_some() { "Try again" } else { "Take quiz" }}
                                </a>
                            })}
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn StandingPanel(
    slug: String,
    price: Option<i32>,
    standing: CourseStanding,
    discussions: bool,
    /// The member level this course needs, if any (named when it locks the course).
    locked: Option<String>,
) -> impl IntoView {
    let location = use_location();
    let enroll = ServerAction::<Enroll>::new();
    let join = ServerAction::<JoinTenant>::new();
    let problem = Signal::derive(move || enroll.value().get().and_then(|r| r.err()));
    let panel = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
    let button = "mt-4 block w-full rounded-md bg-brand px-4 py-2.5 text-center font-semibold text-brand-contrast";
    if let Some(FormError::LevelRequired) = standing.lock {
        let level = locked.unwrap_or_else(|| "required".to_owned());
        view! {
            <div class=panel data-testid="course-locked">
                <p class="font-semibold text-slate-900">{format!("For members at the {level} level or above")}</p>
                <p class="mt-1 text-sm text-slate-700">"Your member level doesn't include this course yet. An admin of this organisation can change it."</p>
            </div>
        }
        .into_any()
    } else if let Some(FormError::SubscriptionSuspended) = standing.lock {
        view! {
            <div class=panel data-testid="course-locked">
                <p class="font-semibold text-slate-900">"Locked: your subscription is suspended"</p>
                <p class="mt-1 text-sm text-slate-700">{FormError::SubscriptionSuspended.message()}</p>
                <a href=href("/account/subscription") class=button>"Go to My subscription"</a>
            </div>
        }
        .into_any()
    } else if standing.lock.is_some() {
        view! {
            <div class=panel data-testid="course-locked">
                <p class="font-semibold text-slate-900">"Included in a subscription plan"</p>
                <p class="mt-1 text-sm text-slate-700">{FormError::SubscriptionRequired.message()}</p>
                <a href=href("/pricing") class=button>"See plans and pricing"</a>
            </div>
        }
        .into_any()
    } else if standing.enrolled {
        let progress = standing.progress.unwrap_or_default();
        view! {
            <div class=panel>
                <ProgressBar progress=Signal::derive(move || progress)/>
                {standing.resume.clone().map(|r| view! {
                    <a href=href(&format!("/courses/{slug}/lessons/{}", r.id)) class=button>
                        {if progress.done == 0 { format!("Start: {}", r.title) } else { format!("Continue: {}", r.title) }}
                    </a>
                })}
                {discussions.then(|| view! {
                    <a href=href(&format!("/courses/{slug}/discussions")) class="mt-3 block text-center text-sm font-medium text-brand-ink underline">
                        "Course discussions"
                    </a>
                })}
            </div>
        }
        .into_any()
    } else if standing.member {
        let waiting = standing.checkout_waiting && !standing.included_in_plan;
        let label = match price {
            _ if standing.included_in_plan => "Enrol (included in your plan)".to_owned(),
            Some(_) if waiting => "Continue to checkout".to_owned(),
            Some(cents) => format!("Buy for {}", format_price(cents)),
            None => "Enrol for free".to_owned(),
        };
        let intro = if waiting {
            "Your checkout for this course is waiting."
        } else {
            "Enrol to read the lessons and track your progress."
        };
        view! {
            <div class=panel>
                <p class="text-slate-700">{intro}</p>
                <TenantForm action=enroll>
                    <FormProblem from_action=problem/>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <button type="submit" class=button disabled=move || enroll.pending().get()>{label}</button>
                </TenantForm>
            </div>
        }
        .into_any()
    } else if standing.can_join {
        view! {
            <div class=panel>
                <p class="text-slate-700">"Join this organisation to enrol."</p>
                <TenantForm action=join>
                    <button type="submit" class=button>"Join"</button>
                </TenantForm>
            </div>
        }
        .into_any()
    } else if standing.signed_in {
        view! {
            <div class=panel>
                <p class="text-slate-700">"This organisation is invite-only. Ask an administrator to add you."</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class=panel>
                <p class="text-slate-700">"Sign in or create an account to enrol."</p>
                <a class=button href=move || format!("{}?next={}", href("/signin"), crate::model::url::encode(&location.pathname.get()))>
                    "Sign in to enrol"
                </a>
                <a href=href("/signup") class="mt-3 block text-center text-sm font-medium text-brand-ink underline">
                    "Create an account"
                </a>
            </div>
        }
        .into_any()
    }
    .into_any()
}
