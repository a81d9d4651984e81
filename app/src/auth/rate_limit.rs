//! Sign-in throttling with `governor`, shared by every instance through Redis when
//! `ATRIUM_REDIS_URL` is set (`crate::limits::SharedLimits`; in-process while Redis is away).
//!
//! - The strict limit is per (account, client address): whoever guesses from one place is slowed
//!   down after a few tries, without locking the account's owner out from anywhere else.
//! - A looser, slower limit per account applies only to clients that have failed for that account
//!   recently: many addresses guessing together still hit a ceiling, while a client that has not
//!   failed is never refused its first correct password.
//! - A limit per address stops one client spraying many accounts.

use crate::limits::{Rate, SharedLimits, Verdict};
use governor::DefaultKeyedRateLimiter;
use governor::clock::{Clock, DefaultClock};
use sha2::Digest;
use std::net::IpAddr;
use std::time::Duration;

type Pair = (String, Option<IpAddr>);

/// How long a wrong password keeps a client under the per-account limit.
const FAILED_FOR: Duration = Duration::from_secs(3600);

pub struct SignInLimiter {
    rates: [Rate; 3],
    per_pair: DefaultKeyedRateLimiter<Pair>,
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    /// (account, address) pairs with a recent wrong password.
    failed: moka::sync::Cache<Pair, ()>,
    shared: Option<SharedLimits>,
    clock: DefaultClock,
}

/// Refused for now; try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimited(pub u64);

fn pair(email: &str, address: Option<IpAddr>) -> Pair {
    (email.trim().to_lowercase(), address)
}

/// Redis key names carry no email address, only a digest of it.
fn account_key(email: &str) -> String {
    sha2::Sha256::digest(email.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn address_key(address: Option<IpAddr>) -> String {
    address.map_or_else(|| "-".to_owned(), |ip| ip.to_string())
}

/// The shared marker of a recent wrong password for this (account, address) pair.
fn failed_key(key: &Pair) -> String {
    format!(
        "signin:failed:{}:{}",
        account_key(&key.0),
        address_key(key.1)
    )
}

impl SignInLimiter {
    /// Per account and address: 5 tries, then one a minute. Per account, for clients that have
    /// failed: 20 tries, then one every 5 minutes. Per address: 20, then one every 6 seconds.
    pub fn new() -> Self {
        Self::with_rates(
            Rate::every(Duration::from_secs(60), 5),
            Rate::every(Duration::from_secs(300), 20),
            Rate::every(Duration::from_secs(6), 20),
        )
    }

    pub fn with_rates(per_pair: Rate, per_account: Rate, per_address: Rate) -> Self {
        Self {
            rates: [per_pair, per_account, per_address],
            per_pair: DefaultKeyedRateLimiter::keyed(per_pair.quota()),
            per_account: DefaultKeyedRateLimiter::keyed(per_account.quota()),
            per_address: DefaultKeyedRateLimiter::keyed(per_address.quota()),
            failed: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_live(FAILED_FOR)
                .build(),
            shared: None,
            clock: DefaultClock::default(),
        }
    }

    /// Keeps the limits in Redis, for every instance together.
    pub fn shared(mut self, shared: Option<SharedLimits>) -> Self {
        self.shared = shared;
        self
    }

    /// Counts one attempt for this email from this address, or says how long to wait. Call before
    /// checking the password, then `failed` or `succeeded` with the outcome.
    pub async fn check(&self, email: &str, address: Option<IpAddr>) -> Result<(), RateLimited> {
        let key = pair(email, address);
        if let Some(shared) = &self.shared {
            let account = account_key(&key.0);
            let from = address_key(address);
            if let Some(failed) = shared.marked(&failed_key(&key)).await {
                let (pair_key, account_key, address_key) = (
                    format!("signin:pair:{account}:{from}"),
                    format!("signin:account:{account}"),
                    format!("signin:address:{from}"),
                );
                let [per_pair, per_account, per_address] = self.rates;
                let mut limits = vec![(pair_key.as_str(), per_pair)];
                if address.is_some() {
                    limits.push((address_key.as_str(), per_address));
                }
                if failed {
                    limits.push((account_key.as_str(), per_account));
                }
                match shared.check(&limits).await {
                    Some(Verdict::Allowed { .. }) => return Ok(()),
                    Some(Verdict::Refused { retry_after, .. }) => {
                        return Err(RateLimited(Verdict::retry_after_secs(retry_after)));
                    }
                    None => {}
                }
            }
        }
        self.check_here(&key)
    }

    fn check_here(&self, key: &Pair) -> Result<(), RateLimited> {
        let wait = |not_until: governor::NotUntil<_>| {
            RateLimited(not_until.wait_time_from(self.clock.now()).as_secs().max(1))
        };
        if let Some(ip) = key.1 {
            self.per_address.check_key(&ip).map_err(wait)?;
        }
        self.per_pair.check_key(key).map_err(wait)?;
        if self.failed.contains_key(key) {
            self.per_account.check_key(&key.0).map_err(wait)?;
        }
        Ok(())
    }

    /// A wrong password (or unknown email) for `email` from `address`.
    pub async fn failed(&self, email: &str, address: Option<IpAddr>) {
        let key = pair(email, address);
        if let Some(shared) = &self.shared {
            shared.mark(&failed_key(&key), Some(FAILED_FOR)).await;
        }
        self.failed.insert(key, ());
    }

    /// A right password: this client is in good standing for this account again.
    pub async fn succeeded(&self, email: &str, address: Option<IpAddr>) {
        let key = pair(email, address);
        if let Some(shared) = &self.shared {
            shared.mark(&failed_key(&key), None).await;
        }
        self.failed.invalidate(&key);
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

    /// The in-process limiter, and the one kept in Redis when the machine has Redis.
    async fn limiters() -> Vec<SignInLimiter> {
        let mut all = vec![SignInLimiter::new()];
        if let Some(shared) = crate::limits::test_redis::redis().await {
            all.push(SignInLimiter::new().shared(Some(shared)));
        }
        all
    }

    #[tokio::test]
    async fn one_client_is_slowed_per_account_and_others_are_not() {
        for limiter in limiters().await {
            one_client_is_slowed(&limiter).await;
        }
    }

    async fn one_client_is_slowed(limiter: &SignInLimiter) {
        let a: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..5 {
            assert!(limiter.check("Sam@Example.org", Some(a)).await.is_ok());
            limiter.failed("Sam@Example.org", Some(a)).await;
        }
        let refused = limiter.check("sam@example.org", Some(a)).await;
        assert!(matches!(refused, Err(RateLimited(secs)) if (1..=60).contains(&secs)));
        // Another account from the same address is still fine, and so is the same account from
        // another address.
        assert!(limiter.check("other@example.org", Some(a)).await.is_ok());
        assert!(
            limiter
                .check("sam@example.org", Some([10, 0, 0, 2].into()))
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn many_failing_addresses_lock_failing_clients_out_but_not_a_clean_one() {
        for limiter in limiters().await {
            many_failing_addresses(&limiter).await;
        }
    }

    async fn many_failing_addresses(limiter: &SignInLimiter) {
        let address = |i: u8| Some(IpAddr::from([10, 1, 0, i]));
        let mut refused = 0;
        for i in 0..30 {
            for _ in 0..3 {
                match limiter.check("sam@example.org", address(i)).await {
                    Ok(()) => limiter.failed("sam@example.org", address(i)).await,
                    Err(_) => refused += 1,
                }
            }
        }
        assert!(
            refused >= 30,
            "the per-account limit must bind: {refused} refused"
        );
        // The owner, from an address that has not failed, gets through.
        assert!(limiter.check("sam@example.org", address(200)).await.is_ok());
        limiter.succeeded("sam@example.org", address(200)).await;
        assert!(limiter.check("sam@example.org", address(200)).await.is_ok());
    }

    #[tokio::test]
    async fn two_instances_on_one_redis_count_together() {
        let Some(shared) = crate::limits::test_redis::redis().await else {
            return;
        };
        let here = SignInLimiter::new().shared(Some(shared.clone()));
        let there = SignInLimiter::new().shared(Some(shared));
        let a: IpAddr = [10, 0, 0, 9].into();
        for i in 0..5 {
            let limiter = if i % 2 == 0 { &here } else { &there };
            assert!(limiter.check("sam@example.org", Some(a)).await.is_ok());
            limiter.failed("sam@example.org", Some(a)).await;
        }
        // Each has seen fewer than five tries itself; together they have seen five.
        assert!(here.check("sam@example.org", Some(a)).await.is_err());
        assert!(there.check("sam@example.org", Some(a)).await.is_err());
    }
}
