//! Resolved tenants, kept in this process so that a page does not pay a database round trip to
//! learn which tenant it belongs to. Correctness comes from invalidation, not from the timeout:
//!
//! - platform work (`PlatformTx::commit`) empties the cache in this process at once;
//! - a trigger on `tenants` and `tenant_domains` sends `NOTIFY atrium_tenants` on every change,
//!   and `listen` empties the cache of every instance that hears it (tenant admins' edits,
//!   other instances' console work, an operator's SQL);
//! - if the listening connection drops, the cache is emptied and kept empty until it is back;
//! - entries also expire after a minute, in case a notification is ever missed.

use super::tenancy::Lookup;
use sea_orm::DbErr;
use sea_orm::sqlx::postgres::PgListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// The notification channel the migration's trigger uses.
pub const CHANNEL: &str = "atrium_tenants";

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Slug(String),
    Domain(String),
}

#[derive(Clone)]
pub struct TenantCache {
    entries: moka::future::Cache<Key, Lookup>,
    /// Off while no one listens for changes: then every lookup goes to the database.
    enabled: Arc<AtomicBool>,
    /// Change notices heard so far; lets a test wait until earlier changes have been heard.
    heard: Arc<AtomicU64>,
}

impl std::fmt::Debug for TenantCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TenantCache")
            .field("entries", &self.entries.entry_count())
            .finish()
    }
}

impl Default for TenantCache {
    fn default() -> Self {
        Self {
            entries: moka::future::Cache::builder()
                .max_capacity(10_000)
                .time_to_live(Duration::from_secs(60))
                .build(),
            enabled: Arc::new(AtomicBool::new(false)),
            heard: Arc::new(AtomicU64::new(0)),
        }
    }
}

impl TenantCache {
    /// The cached lookup for `key`, or `load`'s answer (shared by concurrent callers, and kept
    /// only while the cache is trusted).
    pub async fn get_or_load(
        &self,
        key: Key,
        load: impl Future<Output = Result<Lookup, DbErr>>,
    ) -> Result<Lookup, DbErr> {
        if !self.enabled.load(Ordering::Acquire) {
            return load.await;
        }
        self.entries
            .try_get_with(key, load)
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))
    }

    /// Forgets every tenant: the next request of each looks it up again.
    pub fn clear(&self) {
        self.entries.invalidate_all();
    }

    /// How many change notices this process has heard.
    pub fn notices_heard(&self) -> u64 {
        self.heard.load(Ordering::Acquire)
    }

    fn trust(&self, on: bool) {
        self.enabled.store(on, Ordering::Release);
        self.clear();
    }

    /// Listens for tenant changes on `url` for as long as the process runs, reconnecting when
    /// the connection drops. The cache is used only while this listens. The first connection is
    /// made before this returns, so a server starts with its cache in use (or says why not).
    pub async fn listen(&self, url: String) {
        let mut first = Some(Self::subscribe(&url).await);
        // Trusted from here, before any request, so no entry made meanwhile is thrown away.
        if matches!(first, Some(Ok(_))) {
            self.trust(true);
        }
        let cache = self.clone();
        tokio::spawn(async move {
            loop {
                let attempt = match first.take() {
                    Some(attempt) => attempt,
                    None => Self::subscribe(&url).await.inspect(|_| cache.trust(true)),
                };
                match attempt {
                    Ok(listener) => cache.follow(listener).await,
                    Err(e) => tracing::warn!(error = %e, "could not listen for tenant changes"),
                }
                cache.trust(false);
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        });
    }

    async fn subscribe(url: &str) -> Result<PgListener, sea_orm::sqlx::Error> {
        let mut listener = PgListener::connect(url).await?;
        listener.listen(CHANNEL).await?;
        Ok(listener)
    }

    /// Empties the cache at every notice until the connection fails.
    async fn follow(&self, mut listener: PgListener) {
        loop {
            match listener.try_recv().await {
                Ok(Some(_)) => {
                    self.clear();
                    self.heard.fetch_add(1, Ordering::AcqRel);
                }
                // The connection dropped and was re-established: changes may have been missed.
                Ok(None) => self.clear(),
                Err(e) => {
                    tracing::warn!(error = %e, "tenant change listener failed");
                    return;
                }
            }
        }
    }
}
