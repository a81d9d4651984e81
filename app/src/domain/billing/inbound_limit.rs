//! Throttling of the inbound payment events endpoint (`governor`, in this process). A real
//! provider signs every event, so only refused events count against a client address: a client
//! sending bad signatures is shut out for a while, however fast it sends, and each refusal costs
//! no more HMAC or database work. A looser limit per tenant bounds the work any flood of signed
//! events can cause. Over either limit the endpoint answers 429 with `Retry-After`, which
//! providers honour by sending again later.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};
use uuid::Uuid;

pub struct EventLimiter {
    refused_per_address: DefaultKeyedRateLimiter<IpAddr>,
    per_tenant: DefaultKeyedRateLimiter<Uuid>,
    /// Addresses over their refusals, until when.
    shut_out: moka::sync::Cache<IpAddr, Instant>,
    clock: DefaultClock,
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl EventLimiter {
    /// Refused events per address: 20, then one every 3 seconds. Events per tenant: 600, then
    /// 50 a second.
    pub fn new() -> Self {
        Self::with_quotas(
            quota(20, Duration::from_secs(3)),
            quota(600, Duration::from_millis(20)),
        )
    }

    pub fn with_quotas(refused_per_address: Quota, per_tenant: Quota) -> Self {
        Self {
            refused_per_address: DefaultKeyedRateLimiter::keyed(refused_per_address),
            per_tenant: DefaultKeyedRateLimiter::keyed(per_tenant),
            shut_out: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_live(Duration::from_secs(3600))
                .build(),
            clock: DefaultClock::default(),
        }
    }

    /// Admits one event for `tenant` from `address`, or says how many seconds to wait.
    pub fn admit(&self, tenant: Uuid, address: Option<IpAddr>) -> Result<(), u64> {
        if let Some(until) = address.and_then(|ip| self.shut_out.get(&ip)) {
            let left = until.saturating_duration_since(Instant::now());
            if !left.is_zero() {
                return Err(left.as_secs().max(1));
            }
        }
        self.per_tenant
            .check_key(&tenant)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()).as_secs().max(1))
    }

    /// Counts a refused event from `address`; past the allowance the address is shut out.
    pub fn refused(&self, address: Option<IpAddr>) {
        let Some(ip) = address else { return };
        if let Err(not_until) = self.refused_per_address.check_key(&ip) {
            let wait = not_until.wait_time_from(self.clock.now());
            self.shut_out.insert(ip, Instant::now() + wait);
        }
    }

    /// Forgets limits that have fully recovered, so memory stays bounded; run now and then.
    pub fn forget_recovered(&self) {
        self.refused_per_address.retain_recent();
        self.per_tenant.retain_recent();
        self.shut_out.run_pending_tasks();
    }
}

impl Default for EventLimiter {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn refusals_shut_one_address_out_and_spare_the_others() {
        let limiter = EventLimiter::with_quotas(
            quota(2, Duration::from_secs(60)),
            quota(100, Duration::from_secs(60)),
        );
        let tenant = Uuid::new_v4();
        let (bad, good) = (
            Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1))),
            Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2))),
        );
        for _ in 0..2 {
            assert!(limiter.admit(tenant, bad).is_ok());
            limiter.refused(bad);
        }
        assert!(limiter.admit(tenant, bad).is_ok(), "two refusals allowed");
        limiter.refused(bad);
        let wait = limiter.admit(tenant, bad).unwrap_err();
        assert!((1..=60).contains(&wait), "{wait}");
        assert!(limiter.admit(tenant, good).is_ok());
    }

    #[test]
    fn a_tenant_s_events_are_bounded() {
        let limiter = EventLimiter::with_quotas(
            quota(2, Duration::from_secs(60)),
            quota(3, Duration::from_secs(60)),
        );
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        for _ in 0..3 {
            assert!(limiter.admit(a, None).is_ok());
        }
        assert!(limiter.admit(a, None).is_err());
        assert!(
            limiter.admit(b, None).is_ok(),
            "other tenants are not affected"
        );
    }
}
