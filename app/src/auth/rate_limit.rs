//! Sign-in throttling with `governor`: per account (any portal) and per client address.
//! Limits live in this process; several instances each enforce their own.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

pub struct SignInLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

/// Refused for now; try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimited(pub u64);

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl SignInLimiter {
    /// 5 tries per account, then one more a minute; 20 per address, then one every 6 seconds.
    pub fn new() -> Self {
        Self::with_quotas(
            quota(5, Duration::from_secs(60)),
            quota(20, Duration::from_secs(6)),
        )
    }

    pub fn with_quotas(per_account: Quota, per_address: Quota) -> Self {
        Self {
            per_account: DefaultKeyedRateLimiter::keyed(per_account),
            per_address: DefaultKeyedRateLimiter::keyed(per_address),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt for this email and address, or says how long to wait.
    pub fn check(&self, email: &str, address: Option<IpAddr>) -> Result<(), RateLimited> {
        let wait = |not_until: governor::NotUntil<_>| {
            RateLimited(not_until.wait_time_from(self.clock.now()).as_secs().max(1))
        };
        if let Some(ip) = address {
            self.per_address.check_key(&ip).map_err(wait)?;
        }
        self.per_account
            .check_key(&email.trim().to_lowercase())
            .map_err(wait)
    }
}

impl Default for SignInLimiter {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_and_addresses_are_limited_separately() {
        let limiter = SignInLimiter::new();
        let a: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..5 {
            assert!(limiter.check("Sam@Example.org", Some(a)).is_ok());
        }
        let refused = limiter.check("sam@example.org", Some(a));
        assert!(matches!(refused, Err(RateLimited(secs)) if (1..=60).contains(&secs)));
        // Another account from the same address is still fine.
        assert!(limiter.check("other@example.org", Some(a)).is_ok());
    }
}
