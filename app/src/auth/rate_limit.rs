//! Sign-in throttling with `governor`. Limits live in this process; several instances each
//! enforce their own.
//!
//! - The strict limit is per (account, client address): whoever guesses from one place is slowed
//!   down after a few tries, without locking the account's owner out from anywhere else.
//! - A looser, slower limit per account applies only to clients that have failed for that account
//!   recently: many addresses guessing together still hit a ceiling, while a client that has not
//!   failed is never refused its first correct password.
//! - A limit per address stops one client spraying many accounts.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

type Pair = (String, Option<IpAddr>);

pub struct SignInLimiter {
    per_pair: DefaultKeyedRateLimiter<Pair>,
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// (account, address) pairs with a recent wrong password.
    failed: moka::sync::Cache<Pair, ()>,
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

fn pair(email: &str, address: Option<IpAddr>) -> Pair {
    (email.trim().to_lowercase(), address)
}

impl SignInLimiter {
    /// Per account and address: 5 tries, then one a minute. Per account, for clients that have
    /// failed: 20 tries, then one every 5 minutes. Per address: 20, then one every 6 seconds.
    pub fn new() -> Self {
        Self::with_quotas(
            quota(5, Duration::from_secs(60)),
            quota(20, Duration::from_secs(300)),
            quota(20, Duration::from_secs(6)),
        )
    }

    pub fn with_quotas(per_pair: Quota, per_account: Quota, per_address: Quota) -> Self {
        Self {
            per_pair: DefaultKeyedRateLimiter::keyed(per_pair),
            per_account: DefaultKeyedRateLimiter::keyed(per_account),
            per_address: DefaultKeyedRateLimiter::keyed(per_address),
            failed: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_live(Duration::from_secs(3600))
                .build(),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one attempt for this email from this address, or says how long to wait. Call before
    /// checking the password, then `failed` or `succeeded` with the outcome.
    pub fn check(&self, email: &str, address: Option<IpAddr>) -> Result<(), RateLimited> {
        let wait = |not_until: governor::NotUntil<_>| {
            RateLimited(not_until.wait_time_from(self.clock.now()).as_secs().max(1))
        };
        if let Some(ip) = address {
            self.per_address.check_key(&ip).map_err(wait)?;
        }
        let key = pair(email, address);
        self.per_pair.check_key(&key).map_err(wait)?;
        if self.failed.contains_key(&key) {
            self.per_account.check_key(&key.0).map_err(wait)?;
        }
        Ok(())
    }

    /// A wrong password (or unknown email) for `email` from `address`.
    pub fn failed(&self, email: &str, address: Option<IpAddr>) {
        self.failed.insert(pair(email, address), ());
    }

    /// A right password: this client is in good standing for this account again.
    pub fn succeeded(&self, email: &str, address: Option<IpAddr>) {
        self.failed.invalidate(&pair(email, address));
    }

    /// Forgets limits that have fully recovered, so memory stays bounded; run now and then.
    pub fn forget_recovered(&self) {
        self.per_pair.retain_recent();
        self.per_account.retain_recent();
        self.per_address.retain_recent();
        self.failed.run_pending_tasks();
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
    fn one_client_is_slowed_per_account_and_others_are_not() {
        let limiter = SignInLimiter::new();
        let a: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..5 {
            assert!(limiter.check("Sam@Example.org", Some(a)).is_ok());
            limiter.failed("Sam@Example.org", Some(a));
        }
        let refused = limiter.check("sam@example.org", Some(a));
        assert!(matches!(refused, Err(RateLimited(secs)) if (1..=60).contains(&secs)));
        // Another account from the same address is still fine, and so is the same account from
        // another address.
        assert!(limiter.check("other@example.org", Some(a)).is_ok());
        assert!(
            limiter
                .check("sam@example.org", Some([10, 0, 0, 2].into()))
                .is_ok()
        );
    }

    #[test]
    fn many_failing_addresses_lock_failing_clients_out_but_not_a_clean_one() {
        let limiter = SignInLimiter::new();
        let address = |i: u8| Some(IpAddr::from([10, 1, 0, i]));
        let mut refused = 0;
        for i in 0..30 {
            for _ in 0..3 {
                match limiter.check("sam@example.org", address(i)) {
                    Ok(()) => limiter.failed("sam@example.org", address(i)),
                    Err(_) => refused += 1,
                }
            }
        }
        assert!(
            refused >= 30,
            "the per-account limit must bind: {refused} refused"
        );
        // The owner, from an address that has not failed, gets through.
        assert!(limiter.check("sam@example.org", address(200)).is_ok());
        limiter.succeeded("sam@example.org", address(200));
        assert!(limiter.check("sam@example.org", address(200)).is_ok());
    }
}
