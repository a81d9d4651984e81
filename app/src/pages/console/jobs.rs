use super::layout::ConsoleFrame;
use crate::api::console::{ConsoleDiscardJob, ConsoleRetryJob, console_jobs};
use crate::components::{ErrorNotice, query_param};
use crate::error::AppError;
use crate::model::jobs::{JobLine, QueueView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// The background job queue: how deep it is, what is coming, and failed jobs to retry or discard.
#[component]
pub fn ConsoleJobsPage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| console_jobs());
    view! {
        <Title text="Jobs · Console"/>
        <ConsoleFrame current="jobs">
            <h1 class="text-2xl font-bold text-slate-900">"Background jobs"</h1>
            {query_param("error").and_then(|code| AppError::message_for_code(&code)).map(|m| view! {
                <p role="alert" class="mt-4 max-w-2xl rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{m}</p>
            })}
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(queue) => view! { <Queue queue/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </ConsoleFrame>
    }
    .into_any()
}

#[component]
fn Queue(queue: QueueView) -> impl IntoView {
    let figures = [
        ("Waiting", queue.queued),
        ("Due now", queue.due),
        ("Running", queue.running),
        ("Failed", queue.failed),
    ];
    view! {
        <dl class="mt-6 grid max-w-2xl grid-cols-2 gap-4 sm:grid-cols-4" data-testid="queue-depth">
            {figures.into_iter().map(|(label, n)| view! {
                <div class="rounded-lg border border-slate-200 bg-white p-4">
                    <dt class="text-sm text-slate-600">{label}</dt>
                    <dd class="text-2xl font-semibold text-slate-900">{n}</dd>
                </div>
            }).collect_view()}
        </dl>
        <section class="mt-8" aria-labelledby="failed-heading">
            <h2 id="failed-heading" class="text-lg font-semibold text-slate-900">"Failed jobs"</h2>
            {if queue.failed_jobs.is_empty() {
                view! { <p class="mt-2 text-sm text-slate-600">"None. Every job that ran succeeded or is waiting to retry."</p> }.into_any()
            } else {
                view! { <JobTable jobs=queue.failed_jobs actions=true/> }.into_any()
            }}
        </section>
        <section class="mt-8" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading" class="text-lg font-semibold text-slate-900">"Waiting"</h2>
            {if queue.upcoming.is_empty() {
                view! { <p class="mt-2 text-sm text-slate-600">"Nothing is waiting."</p> }.into_any()
            } else {
                view! { <JobTable jobs=queue.upcoming actions=false/> }.into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn JobTable(jobs: Vec<JobLine>, actions: bool) -> impl IntoView {
    view! {
        <div class="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class="min-w-full text-left text-sm">
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        <th scope="col" class="px-3 py-2">"Job"</th>
                        <th scope="col" class="px-3 py-2">"Tenant"</th>
                        <th scope="col" class="px-3 py-2">"Runs at"</th>
                        <th scope="col" class="px-3 py-2">"Attempts"</th>
                        <th scope="col" class="px-3 py-2">"Last error"</th>
                        {actions.then(|| view! { <th scope="col" class="px-3 py-2">"Actions"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {jobs.into_iter().map(|job| view! {
                        <tr class="border-t border-slate-100" data-testid="job-row">
                            <td class="px-3 py-2 font-mono">{job.kind}</td>
                            <td class="px-3 py-2">{job.tenant.unwrap_or_else(|| "—".into())}</td>
                            <td class="px-3 py-2 whitespace-nowrap">{job.run_at}</td>
                            <td class="px-3 py-2">{format!("{} of {}", job.attempts, job.max_attempts)}</td>
                            <td class="px-3 py-2 text-slate-700">{job.last_error}</td>
                            {actions.then(|| view! {
                                <td class="px-3 py-2">
                                    <div class="flex gap-2">
                                        <form method="post" action=ConsoleRetryJob::url()>
                                            <input type="hidden" name="id" value=job.id.to_string()/>
                                            <button type="submit" class="rounded-md bg-slate-900 px-3 py-1 text-white">"Retry"</button>
                                        </form>
                                        <form method="post" action=ConsoleDiscardJob::url()>
                                            <input type="hidden" name="id" value=job.id.to_string()/>
                                            <button type="submit" class="rounded-md border border-slate-300 px-3 py-1">"Discard"</button>
                                        </form>
                                    </div>
                                </td>
                            })}
                        </tr>
                    }.into_any()).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
