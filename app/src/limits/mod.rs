//! Rate limits: one description of a limit (`Rate`), kept in this process with `governor` or,
//! when several instances serve together, in Redis (`SharedLimits`), so a client cannot multiply
//! its allowance by the number of instances behind the load balancer.

mod shared;

pub use shared::SharedLimits;

use governor::Quota;
use std::num::NonZeroU32;
use std::time::Duration;

/// A GCRA limit: one request per `interval` on average, with up to `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub interval: Duration,
    pub burst: u32,
}

impl Rate {
    pub fn per_minute(per_minute: u32, burst: u32) -> Self {
        Self {
            interval: Duration::from_secs(60) / per_minute.max(1),
            burst: burst.max(1),
        }
    }

    pub fn every(interval: Duration, burst: u32) -> Self {
        Self {
            interval: interval.max(Duration::from_millis(1)),
            burst: burst.max(1),
        }
    }

    /// The same limit for the in-process limiter.
    pub fn quota(self) -> Quota {
        let burst = NonZeroU32::new(self.burst).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.interval)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst)
    }
}

/// What the shared store said about a request counted against one or more limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Counted against every limit; `remaining` requests are left in the last one's burst.
    Allowed { remaining: u32 },
    /// Refused by the limit at `index` (in the order given); nothing was counted.
    Refused { index: usize, retry_after: Duration },
}

impl Verdict {
    /// Whole seconds to wait, at least one (for `Retry-After`).
    pub fn retry_after_secs(retry_after: Duration) -> u64 {
        retry_after.as_secs_f64().ceil().max(1.0) as u64
    }
}

#[cfg(test)]
pub(crate) mod test_redis {
    use super::SharedLimits;
    use std::time::Duration;

    /// The machine's Redis (`ATRIUM_TEST_REDIS_URL`, default 127.0.0.1:6379) under a prefix of
    /// this test's own, or `None` with a note when there is none.
    pub async fn redis() -> Option<SharedLimits> {
        let url = std::env::var("ATRIUM_TEST_REDIS_URL")
            .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
        let prefix = format!("atrium-test-{}", uuid::Uuid::new_v4().simple());
        let shared = SharedLimits::connect(&url, &prefix).ok()?;
        for _ in 0..50 {
            if shared.connected() {
                return Some(shared);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        eprintln!("SKIPPED: no Redis at {url} (set ATRIUM_TEST_REDIS_URL to run this test)");
        None
    }
}
