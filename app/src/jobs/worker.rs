//! Claims due jobs and runs them: each in one transaction with its "done" mark, retried with
//! backoff when it fails.

use super::clock::Clock;
use super::{billing, mail_delivery, tenant_deletion};
use crate::data::Db;
use crate::data::repos::jobs::{self, Claimed};
use sea_orm::DbErr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// Runs the queue's due jobs.
#[derive(Clone)]
pub struct Worker {
    pub(super) db: Db,
    pub(super) clock: Arc<dyn Clock>,
    /// Uploaded files, one folder per tenant id (deleting a tenant removes its folder).
    pub(super) uploads: PathBuf,
    /// Where `mail.send` jobs hand messages (the log unless SMTP is configured).
    pub(super) mailer: Arc<dyn crate::mail::Mailer>,
    /// Charges renewals (the simulated provider unless told otherwise).
    pub(super) payments: Arc<dyn crate::domain::billing::PaymentProvider>,
    lease: chrono::Duration,
}

/// What one turn of the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was due.
    Idle,
    /// A job ran and its effect committed.
    Done { kind: String },
    /// A job failed and will be tried again at this time.
    Retrying {
        kind: String,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// A job failed for good (out of attempts, or an error retrying cannot fix).
    Failed { kind: String },
    /// This worker's lease ran out before it finished; another attempt holds the job, and this
    /// one's effect was rolled back.
    Lost { kind: String },
}

/// Why a job's attempt failed.
#[derive(Debug)]
pub(super) enum JobError {
    /// Worth trying again later (the database was away, a file could not be removed).
    Retry(String),
    /// Trying again cannot help (an unknown kind, a payload this version cannot read).
    Permanent(String),
}

impl From<DbErr> for JobError {
    fn from(e: DbErr) -> Self {
        JobError::Retry(e.to_string())
    }
}

/// How long to wait after failed attempt `attempt` (1-based): 30 s, doubling, at most an hour.
pub fn backoff(attempt: i32) -> chrono::Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1)).unwrap_or(0).min(7);
    chrono::Duration::seconds((30_i64 << doublings).min(3600))
}

impl Worker {
    /// A worker with a five-minute lease: a job not finished by then is presumed dead with its
    /// worker and is claimed again.
    pub fn new(db: Db, clock: Arc<dyn Clock>, uploads: PathBuf) -> Self {
        Self {
            payments: Arc::new(crate::domain::billing::SimulatedProvider::new(db.clone())),
            db,
            clock,
            uploads,
            mailer: Arc::new(crate::mail::LogMailer),
            lease: chrono::Duration::minutes(5),
        }
    }

    /// This worker, handing mail to `mailer`.
    pub fn with_mailer(mut self, mailer: Arc<dyn crate::mail::Mailer>) -> Self {
        self.mailer = mailer;
        self
    }

    /// This worker, charging renewals through `payments`.
    pub fn with_payments(
        mut self,
        payments: Arc<dyn crate::domain::billing::PaymentProvider>,
    ) -> Self {
        self.payments = payments;
        self
    }

    pub fn lease(&self) -> chrono::Duration {
        self.lease
    }

    /// Claims the next due job, if any, and runs it.
    pub async fn run_next(&self) -> Result<Outcome, DbErr> {
        let Some(job) = jobs::claim_next(&self.db, self.clock.now(), self.lease).await? else {
            return Ok(Outcome::Idle);
        };
        let span = tracing::info_span!(
            "job",
            kind = %job.kind,
            tenant = ?job.tenant_id,
            attempt = job.attempts,
        );
        self.run(job).instrument(span).await
    }

    /// Runs due jobs until none is left (at most `limit` in one go, so one turn stays bounded).
    pub async fn run_due(&self, limit: usize) -> Result<Vec<Outcome>, DbErr> {
        let mut outcomes = Vec::new();
        while outcomes.len() < limit {
            match self.run_next().await? {
                Outcome::Idle => break,
                outcome => outcomes.push(outcome),
            }
        }
        Ok(outcomes)
    }

    /// Works the queue in the background every `every` until the process ends.
    pub fn spawn(self, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = self.run_due(100).await {
                    tracing::warn!(error = %e, "job queue: could not run due jobs");
                }
            }
        })
    }

    async fn run(&self, job: Claimed) -> Result<Outcome, DbErr> {
        let kind = job.kind.clone();
        let result = match job.kind.as_str() {
            tenant_deletion::KIND => tenant_deletion::run(self, &job).await,
            mail_delivery::KIND => mail_delivery::run(self, &job).await,
            billing::RENEW => billing::renew(self, &job).await,
            billing::EXPIRE => billing::expire(self, &job).await,
            other => Err(JobError::Permanent(format!(
                "no handler for jobs of kind {other}"
            ))),
        };
        match result {
            Ok(true) => {
                tracing::info!("job done");
                Ok(Outcome::Done { kind })
            }
            Ok(false) => {
                tracing::warn!("job lease ran out before it finished; its effect was rolled back");
                Ok(Outcome::Lost { kind })
            }
            Err(JobError::Retry(error)) if job.attempts < job.max_attempts => {
                let at = self.clock.now() + backoff(job.attempts);
                tracing::warn!(%error, retry_at = %at, "job failed; will retry");
                jobs::record_failure(&self.db, &job, &error, Some(at)).await?;
                Ok(Outcome::Retrying { kind, at })
            }
            Err(JobError::Retry(error) | JobError::Permanent(error)) => {
                tracing::error!(%error, "job failed for good");
                jobs::record_failure(&self.db, &job, &error, None).await?;
                Ok(Outcome::Failed { kind })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        let secs: Vec<i64> = (1..=9).map(|a| backoff(a).num_seconds()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(0).num_seconds(), 30);
    }
}
