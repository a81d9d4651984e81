//! Limits kept in Redis (`ATRIUM_REDIS_URL`), shared by every instance. One Lua script does the
//! GCRA arithmetic atomically on Redis's own clock, for several limits at once: either every limit
//! admits the request and each is counted, or none is.
//!
//! Redis is a helper, not a dependency: when it cannot be reached (at start-up or later), or does
//! not answer within `TIMEOUT`, `check` answers `None` and callers fall back to their in-process
//! limiter, so a Redis outage makes limits per instance for a while, never refuses service.

use super::{Rate, Verdict};
use redis::aio::ConnectionManager;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;

/// How long a request waits for Redis before deciding without it.
const TIMEOUT: Duration = Duration::from_millis(250);

/// KEYS: one per limit. ARGV: per limit, its interval and its burst (ms, count). Returns
/// `{1, remaining in the last limit}` or `{0, index of the refusing limit (1-based), wait ms}`.
const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tats = {}
local remaining = 0
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 * i - 1])
  local tolerance = interval * tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  local new_tat = tat + interval
  local allow_at = new_tat - tolerance
  if allow_at > now then
    return {0, i, allow_at - now}
  end
  tats[i] = new_tat
  remaining = math.floor((now - allow_at) / interval)
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], string.format('%.0f', tats[i]), 'PX', tats[i] - now + 1000)
end
return {1, remaining, 0}
";

/// The shared store. Cheap to clone.
#[derive(Clone)]
pub struct SharedLimits {
    connection: Arc<OnceCell<ConnectionManager>>,
    prefix: Arc<str>,
    script: Arc<redis::Script>,
}

impl std::fmt::Debug for SharedLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedLimits")
            .field("prefix", &self.prefix)
            .field("connected", &self.connection.initialized())
            .finish()
    }
}

impl SharedLimits {
    /// Connects in the background, retrying until Redis answers; until then (and whenever it
    /// does not answer) limits are this process's own. Fails only for a malformed URL.
    pub fn connect(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let shared = Self {
            connection: Arc::new(OnceCell::new()),
            prefix: prefix.into(),
            script: Arc::new(redis::Script::new(GCRA)),
        };
        let cell = Arc::clone(&shared.connection);
        tokio::spawn(async move {
            let mut delay = Duration::from_millis(200);
            loop {
                let config = redis::aio::ConnectionManagerConfig::new()
                    .set_connection_timeout(Some(Duration::from_secs(2)))
                    .set_response_timeout(Some(TIMEOUT));
                match client.get_connection_manager_with_config(config).await {
                    Ok(manager) => {
                        let _ = cell.set(manager);
                        tracing::info!("rate limits are shared through Redis");
                        return;
                    }
                    Err(error) => {
                        tracing::warn!(%error, "Redis unreachable: rate limits are per instance until it answers");
                        tokio::time::sleep(delay).await;
                        delay = (delay * 2).min(Duration::from_secs(10));
                    }
                }
            }
        });
        Ok(shared)
    }

    /// Whether the first connection has been made (reconnections happen by themselves).
    pub fn connected(&self) -> bool {
        self.connection.initialized()
    }

    fn key(&self, name: &str) -> String {
        format!("{}:{name}", self.prefix)
    }

    fn connection(&self) -> Option<ConnectionManager> {
        self.connection.get().cloned()
    }

    /// Counts one request against every limit in `limits` (key name and rate), or says which
    /// refused. `None`: Redis could not answer, decide locally.
    pub async fn check(&self, limits: &[(&str, Rate)]) -> Option<Verdict> {
        let mut connection = self.connection()?;
        let mut invocation = self.script.prepare_invoke();
        for (name, rate) in limits {
            let interval = u64::try_from(rate.interval.as_millis())
                .unwrap_or(u64::MAX)
                .max(1);
            invocation.key(self.key(name)).arg(interval).arg(rate.burst);
        }
        let answer: Result<Result<Vec<i64>, _>, _> =
            tokio::time::timeout(TIMEOUT, invocation.invoke_async(&mut connection)).await;
        match answer {
            Ok(Ok(reply)) => match reply.as_slice() {
                [1, remaining, _] => Some(Verdict::Allowed {
                    remaining: u32::try_from(*remaining).unwrap_or(0),
                }),
                [0, index, wait] => Some(Verdict::Refused {
                    index: usize::try_from(*index - 1).unwrap_or(0),
                    retry_after: Duration::from_millis(u64::try_from(*wait).unwrap_or(0)),
                }),
                _ => {
                    tracing::warn!(?reply, "unexpected answer from the rate limit script");
                    None
                }
            },
            Ok(Err(error)) => {
                tracing::warn!(%error, "Redis failed a rate limit check: deciding locally");
                None
            }
            Err(_) => {
                tracing::warn!("Redis too slow for a rate limit check: deciding locally");
                None
            }
        }
    }

    /// Sets (`Some(ttl)`) or clears (`None`) a marker shared by every instance.
    pub async fn mark(&self, name: &str, ttl: Option<Duration>) -> bool {
        let Some(mut connection) = self.connection() else {
            return false;
        };
        let key = self.key(name);
        let command = match ttl {
            Some(ttl) => redis::cmd("SET")
                .arg(&key)
                .arg(1)
                .arg("EX")
                .arg(ttl.as_secs().max(1))
                .to_owned(),
            None => redis::cmd("DEL").arg(&key).to_owned(),
        };
        let done: Result<Result<(), _>, _> =
            tokio::time::timeout(TIMEOUT, command.query_async(&mut connection)).await;
        matches!(done, Ok(Ok(())))
    }

    /// Whether a marker is set. `None`: Redis could not answer.
    pub async fn marked(&self, name: &str) -> Option<bool> {
        let mut connection = self.connection()?;
        let exists = redis::cmd("EXISTS").arg(self.key(name)).to_owned();
        let answer: Result<Result<bool, _>, _> =
            tokio::time::timeout(TIMEOUT, exists.query_async(&mut connection)).await;
        answer.ok()?.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::test_redis::redis;

    #[tokio::test]
    async fn a_burst_passes_then_the_limit_refuses_with_the_wait() {
        let Some(shared) = redis().await else { return };
        let rate = Rate::every(Duration::from_secs(10), 3);
        for left in [2, 1, 0] {
            assert_eq!(
                shared.check(&[("k", rate)]).await,
                Some(Verdict::Allowed { remaining: left })
            );
        }
        match shared.check(&[("k", rate)]).await {
            Some(Verdict::Refused {
                index: 0,
                retry_after,
            }) => {
                assert!(
                    retry_after > Duration::from_secs(8) && retry_after <= Duration::from_secs(10),
                    "{retry_after:?}"
                );
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        // Another key is counted on its own.
        assert!(matches!(
            shared.check(&[("other", rate)]).await,
            Some(Verdict::Allowed { .. })
        ));
    }

    #[tokio::test]
    async fn a_refusal_by_one_limit_counts_against_none() {
        let Some(shared) = redis().await else { return };
        let tight = Rate::every(Duration::from_secs(60), 1);
        let loose = Rate::every(Duration::from_secs(60), 2);
        assert!(matches!(
            shared.check(&[("tight", tight)]).await,
            Some(Verdict::Allowed { .. })
        ));
        // "tight" refuses; "loose" must not have been charged for it.
        for _ in 0..3 {
            assert!(matches!(
                shared.check(&[("loose", loose), ("tight", tight)]).await,
                Some(Verdict::Refused { index: 1, .. })
            ));
        }
        assert_eq!(
            shared.check(&[("loose", loose)]).await,
            Some(Verdict::Allowed { remaining: 1 })
        );
    }

    #[tokio::test]
    async fn markers_are_set_seen_and_cleared() {
        let Some(shared) = redis().await else { return };
        assert_eq!(shared.marked("m").await, Some(false));
        assert!(shared.mark("m", Some(Duration::from_secs(60))).await);
        assert_eq!(shared.marked("m").await, Some(true));
        assert!(shared.mark("m", None).await);
        assert_eq!(shared.marked("m").await, Some(false));
    }

    #[tokio::test]
    async fn without_redis_the_caller_decides_locally() {
        // Nothing listens on port 1: the connection never comes, and checks answer None at once.
        let shared = SharedLimits::connect("redis://127.0.0.1:1", "atrium-test").unwrap();
        let rate = Rate::every(Duration::from_secs(1), 1);
        assert_eq!(shared.check(&[("k", rate)]).await, None);
        assert_eq!(shared.marked("m").await, None);
        assert!(!shared.mark("m", None).await);
    }
}
