//! The background job queue as the console shows it: how deep it is, what is coming, and failed
//! jobs with "retry" and "discard".

use crate::error::AppError;
use crate::model::jobs::QueueView;
use leptos::server;
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::jobs::{self, Listed};
    use crate::error::AppError;
    use crate::model::jobs::{JobLine, QueueView};
    use uuid::Uuid;

    const SHOWN: u64 = 50;

    fn line(job: Listed) -> JobLine {
        JobLine {
            id: job.id,
            kind: job.kind,
            tenant: job.tenant_slug.or_else(|| {
                // A deleted tenant's jobs keep its slug in their payload.
                job.payload
                    .get("slug")
                    .and_then(|s| s.as_str())
                    .map(|s| format!("{s} (deleted)"))
            }),
            run_at: job.run_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            attempts: job.attempts,
            max_attempts: job.max_attempts,
            last_error: job.last_error,
        }
    }

    pub async fn view(scope: &ConsoleScope) -> Result<QueueView, AppError> {
        let tx = scope.read("console.jobs.viewed", None).await?;
        let depth = jobs::depth(&tx, chrono::Utc::now()).await?;
        let failed = jobs::list(&tx, "failed", SHOWN).await?;
        let upcoming = jobs::list(&tx, "queued", SHOWN).await?;
        tx.commit().await?;
        Ok(QueueView {
            queued: depth.queued,
            due: depth.due,
            running: depth.running,
            failed: depth.failed,
            failed_jobs: failed.into_iter().map(line).collect(),
            upcoming: upcoming.into_iter().map(line).collect(),
        })
    }

    /// Retries (`retry`) or discards a failed job; a job that is not failed is a 404.
    pub async fn settle(scope: &ConsoleScope, id: Uuid, retry: bool) -> Result<String, AppError> {
        let action = if retry {
            "console.job.retried"
        } else {
            "console.job.discarded"
        };
        let tx = scope
            .change(action, None, "", serde_json::json!({ "job": id }))
            .await?;
        let changed = if retry {
            jobs::retry(&tx, id, chrono::Utc::now()).await?
        } else {
            jobs::discard(&tx, id).await?
        };
        if !changed {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        tracing::info!(job = %id, retry, "console: failed job settled");
        Ok("/console/jobs".to_owned())
    }
}

/// The job queue: depth, upcoming and failed jobs.
#[server(prefix = "/console/api", endpoint = "jobs")]
pub async fn console_jobs() -> Result<QueueView, AppError> {
    use crate::auth::console::serve_console;
    serve_console(async |scope| imp::view(scope).await).await
}

/// Queues a failed job again, with a fresh set of attempts.
#[server(prefix = "/console/api", endpoint = "retry_job")]
pub async fn console_retry_job(id: Uuid) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let result = serve_console(async |scope| imp::settle(scope, id, true).await).await;
    respond_form(result.map(finish_form), "/console/jobs", &[])
}

/// Sets a failed job aside for good (it stays listed nowhere but the audit trail).
#[server(prefix = "/console/api", endpoint = "discard_job")]
pub async fn console_discard_job(id: Uuid) -> Result<String, AppError> {
    use crate::auth::console::serve_console;
    use crate::request::{finish_form, respond_form};
    let result = serve_console(async |scope| imp::settle(scope, id, false).await).await;
    respond_form(result.map(finish_form), "/console/jobs", &[])
}
