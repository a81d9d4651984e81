//! Admission: each tenant's share of the server (issue 12). Runs right after tenant resolution,
//! before the session is loaded, so a refused request costs no database work.
//!
//! - **Rate limits** from the tenant's tier (`Plan::requests_per_minute`, GCRA with half a
//!   minute's worth as burst), and per client address within the tenant (half the tenant's).
//!   Kept in Redis for all instances together when `ATRIUM_REDIS_URL` is set, in this process
//!   otherwise (and while Redis does not answer).
//!   Over either: 429 with `Retry-After` and the IETF `RateLimit-Policy` / `RateLimit` headers, a
//!   plain page for browsers and the `RateLimited` error for server functions.
//! - **Fair sharing**: at most `per_tenant` requests of one tenant are served at once; more wait
//!   their turn (first come, first served) for up to `queue_wait`, or get 503 when the queue is
//!   full. A tenant flooding the server therefore queues behind itself while every other tenant's
//!   requests go straight in. The bound is work-conserving: while no other tenant has sent a
//!   request for a second, the one tenant in sight may have up to `alone` requests in flight, so
//!   a lone busy tenant is not queued behind a bound that protects nobody (its tail latency at a
//!   steady rate was ×14 its median with the bound, ×5 without).

use crate::error_pages;
use crate::state::AppState;
use app::error::AppError;
use app::limits::{Rate, SharedLimits, Verdict};
use app::model::Tier;
use app::model::plans::Plan;
use app::request::RequestSite;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{DefaultKeyedRateLimiter, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::Instant;
use uuid::Uuid;

/// How admission is tuned.
#[derive(Debug, Clone, Copy)]
pub struct AdmissionSettings {
    /// Rate limits on (`ATRIUM_RATE_LIMITS=off` turns them off, for capacity benchmarks).
    pub rate_limits: bool,
    /// Requests of one tenant served at once (`ATRIUM_TENANT_CONCURRENCY`, default the number of
    /// CPUs, at least 2).
    pub per_tenant: usize,
    /// Requests of one tenant allowed to wait for a turn; more get 503 at once.
    pub queue: usize,
    /// How long a request waits for its turn before 503.
    pub queue_wait: Duration,
    /// Requests in flight allowed to a tenant that has the server to itself (no other tenant in
    /// the last second); 0 applies `per_tenant` always.
    pub alone: usize,
}

impl AdmissionSettings {
    pub fn default_concurrency() -> usize {
        std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
    }
}

impl Default for AdmissionSettings {
    fn default() -> Self {
        Self {
            rate_limits: true,
            per_tenant: Self::default_concurrency(),
            queue: 256,
            queue_wait: Duration::from_secs(5),
            alone: 64,
        }
    }
}

/// Another tenant seen within this long ends a tenant's time alone.
const MIXED_WINDOW: Duration = Duration::from_secs(1);

/// Which tenant came last, and until when more than one tenant counts as active.
struct Arrivals {
    last: Option<(Uuid, Instant)>,
    mixed_until: Instant,
}

impl Arrivals {
    /// Notes a request of `tenant` at `now`; true when it has the server to itself.
    fn note(&mut self, tenant: Uuid, now: Instant) -> bool {
        if let Some((last, at)) = self.last
            && last != tenant
            && now.duration_since(at) < MIXED_WINDOW
        {
            self.mixed_until = now + MIXED_WINDOW;
        }
        self.last = Some((tenant, now));
        now >= self.mixed_until
    }
}

const TIERS: [Tier; 3] = [Tier::Basic, Tier::Premium, Tier::Enterprise];

fn index(tier: Tier) -> usize {
    match tier {
        Tier::Basic => 0,
        Tier::Premium => 1,
        Tier::Enterprise => 2,
    }
}

/// A tier's limit for the whole tenant: its requests a minute, half a minute's worth at once.
fn tenant_rate(tier: Tier) -> Rate {
    let rpm = Plan::of(tier).requests_per_minute;
    Rate::per_minute(rpm, rpm / 2)
}

/// Each client address within a tenant gets half the tenant's rate.
fn client_rate(tier: Tier) -> Rate {
    let rpm = Plan::of(tier).requests_per_minute / 2;
    Rate::per_minute(rpm, rpm / 2)
}

/// One tenant's turnstile: its permits and how many wait.
struct Turnstile {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
}

/// A tenant's limiter, telling how much burst is left (for the `RateLimit` header).
type TenantLimiter =
    RateLimiter<Uuid, DefaultKeyedStateStore<Uuid>, DefaultClock, StateInformationMiddleware>;

pub struct Admission {
    settings: AdmissionSettings,
    per_tenant: [TenantLimiter; 3],
    per_client: [DefaultKeyedRateLimiter<(Uuid, IpAddr)>; 3],
    turnstiles: moka::sync::Cache<Uuid, Arc<Turnstile>>,
    shared: Option<SharedLimits>,
    clock: DefaultClock,
    arrivals: std::sync::Mutex<Arrivals>,
    /// Turns for a tenant alone on the server, beyond its own.
    alone: Arc<Semaphore>,
}

/// Why a request was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Over a rate limit: wait this many seconds. `limit` is the per-minute quota that refused.
    RateLimited { retry_after: u64, limit: u32 },
    /// The tenant's queue is full, or the turn did not come in time.
    Busy,
}

impl Admission {
    /// Limits in `shared` (Redis) when given, in this process otherwise.
    pub fn new(settings: AdmissionSettings, shared: Option<SharedLimits>) -> Self {
        let tenant = |t: Tier| {
            RateLimiter::keyed(tenant_rate(t).quota())
                .with_middleware::<StateInformationMiddleware>()
        };
        let client = |t: Tier| DefaultKeyedRateLimiter::keyed(client_rate(t).quota());
        Self {
            shared,
            settings,
            per_tenant: TIERS.map(tenant),
            per_client: TIERS.map(client),
            turnstiles: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_idle(Duration::from_secs(600))
                .build(),
            clock: DefaultClock::default(),
            arrivals: std::sync::Mutex::new(Arrivals {
                last: None,
                mixed_until: Instant::now(),
            }),
            alone: Arc::new(Semaphore::new(settings.alone)),
        }
    }

    /// Counts one request against the tenant's and the client's limits; with limits on, says how
    /// much of the tenant's burst is left.
    pub async fn check_rate(
        &self,
        tenant: Uuid,
        tier: Tier,
        client: Option<IpAddr>,
    ) -> Result<Option<u32>, Refusal> {
        if !self.settings.rate_limits {
            return Ok(None);
        }
        if let Some(shared) = &self.shared {
            let tenant_key = format!("tenant:{tenant}");
            let client_key = client.map(|ip| format!("client:{tenant}:{ip}"));
            let mut limits = Vec::with_capacity(2);
            if let Some(key) = &client_key {
                limits.push((key.as_str(), client_rate(tier)));
            }
            limits.push((tenant_key.as_str(), tenant_rate(tier)));
            match shared.check(&limits).await {
                Some(Verdict::Allowed { remaining }) => return Ok(Some(remaining)),
                Some(Verdict::Refused { index, retry_after }) => {
                    let rpm = Plan::of(tier).requests_per_minute;
                    let by_client = client_key.is_some() && index == 0;
                    return Err(Refusal::RateLimited {
                        retry_after: Verdict::retry_after_secs(retry_after),
                        limit: if by_client { rpm / 2 } else { rpm },
                    });
                }
                None => {}
            }
        }
        self.check_rate_here(tenant, tier, client)
    }

    /// The in-process limiter's answer.
    fn check_rate_here(
        &self,
        tenant: Uuid,
        tier: Tier,
        client: Option<IpAddr>,
    ) -> Result<Option<u32>, Refusal> {
        let i = index(tier);
        let rpm = Plan::of(tier).requests_per_minute;
        let wait = |n: governor::NotUntil<_>, limit| Refusal::RateLimited {
            retry_after: n.wait_time_from(self.clock.now()).as_secs().max(1),
            limit,
        };
        if let Some(ip) = client {
            self.per_client[i]
                .check_key(&(tenant, ip))
                .map_err(|n| wait(n, rpm / 2))?;
        }
        let snapshot = self.per_tenant[i]
            .check_key(&tenant)
            .map_err(|n| wait(n, rpm))?;
        Ok(Some(snapshot.remaining_burst_capacity()))
    }

    /// How limits are kept, for `/ready`: `None` in process by configuration, `Some(connected)`
    /// when Redis is configured.
    pub fn shared_limits(&self) -> Option<bool> {
        self.shared.as_ref().map(SharedLimits::connected)
    }

    /// Waits for one of the tenant's turns; the permit is held until the response is made.
    pub async fn enter(&self, tenant: Uuid) -> Result<TurnGuard, Refusal> {
        let alone = self
            .arrivals
            .lock()
            .map(|mut arrivals| arrivals.note(tenant, Instant::now()))
            .unwrap_or(false);
        if alone && let Ok(permit) = Arc::clone(&self.alone).try_acquire_owned() {
            return Ok(TurnGuard(permit));
        }
        let per_tenant = self.settings.per_tenant;
        let turnstile = self.turnstiles.get_with(tenant, || {
            Arc::new(Turnstile {
                permits: Arc::new(Semaphore::new(per_tenant)),
                waiting: AtomicUsize::new(0),
            })
        });
        if let Ok(permit) = Arc::clone(&turnstile.permits).try_acquire_owned() {
            return Ok(TurnGuard(permit));
        }
        if turnstile.waiting.fetch_add(1, Ordering::SeqCst) >= self.settings.queue {
            turnstile.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(Refusal::Busy);
        }
        let turn = tokio::time::timeout(
            self.settings.queue_wait,
            Arc::clone(&turnstile.permits).acquire_owned(),
        )
        .await;
        turnstile.waiting.fetch_sub(1, Ordering::SeqCst);
        match turn {
            Ok(Ok(permit)) => Ok(TurnGuard(permit)),
            _ => Err(Refusal::Busy),
        }
    }

    /// Forgets limits that have fully recovered, so memory stays bounded; run now and then.
    pub fn forget_recovered(&self) {
        for limiter in &self.per_tenant {
            limiter.retain_recent();
        }
        for limiter in &self.per_client {
            limiter.retain_recent();
        }
        self.turnstiles.run_pending_tasks();
    }
}

/// A turn held for one request; dropping it lets the next request of the tenant in.
pub struct TurnGuard(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit);

/// The layer: rate limits, then a turn, then the rest of the request.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(tenant) = request
        .extensions()
        .get::<RequestSite>()
        .and_then(|site| site.tenant().map(|t| (t.id(), t.tier())))
    else {
        return next.run(request).await;
    };
    let (id, tier) = tenant;
    let client = crate::client_address::of(
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip()),
        request.headers(),
        &state.config.trusted_proxies,
    );
    let admission = &state.admission;
    let wants_json = wants_json(request.uri().path(), request.headers());
    let remaining = match admission.check_rate(id, tier, client).await {
        Ok(remaining) => remaining,
        Err(refusal) => return refused(refusal, tier, wants_json),
    };
    let _turn = match admission.enter(id).await {
        Ok(turn) => turn,
        Err(refusal) => return refused(refusal, tier, wants_json),
    };
    let mut response = next.run(request).await;
    if let Some(remaining) = remaining {
        let rpm = Plan::of(tier).requests_per_minute;
        set_rate_headers(response.headers_mut(), rpm, remaining, 0);
    }
    response
}

/// Server functions and API clients get the error as JSON; browsers a page.
pub(crate) fn wants_json(path: &str, headers: &HeaderMap) -> bool {
    path.contains("/api/")
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/json"))
}

/// `RateLimit-Policy: "tenant";q=<per minute>;w=60` and `RateLimit: "tenant";r=<left>;t=<s>`
/// (draft-ietf-httpapi-ratelimit-headers).
fn set_rate_headers(headers: &mut HeaderMap, per_minute: u32, remaining: u32, reset: u64) {
    let policy = format!("\"tenant\";q={per_minute};w=60");
    let state = format!("\"tenant\";r={remaining};t={reset}");
    if let (Ok(policy), Ok(state)) = (
        HeaderValue::from_str(&policy),
        HeaderValue::from_str(&state),
    ) {
        headers.insert("ratelimit-policy", policy);
        headers.insert("ratelimit", state);
    }
}

fn refused(refusal: Refusal, tier: Tier, wants_json: bool) -> Response {
    let (mut response, retry_after) = match refusal {
        Refusal::RateLimited { retry_after, limit } => {
            tracing::info!(tier = tier.as_str(), limit, "rate limited");
            let mut response = if wants_json {
                error_json(AppError::RateLimited {
                    retry_after_secs: retry_after,
                })
            } else {
                error_pages::too_many_requests()
            };
            set_rate_headers(response.headers_mut(), limit, 0, retry_after);
            (response, retry_after)
        }
        Refusal::Busy => {
            tracing::warn!(tier = tier.as_str(), "tenant's queue full: busy");
            let response = if wants_json {
                error_json(AppError::Busy)
            } else {
                error_pages::busy()
            };
            (response, 1)
        }
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    response
}

pub(crate) fn error_json(error: AppError) -> Response {
    let status = axum::http::StatusCode::from_u16(error.status())
        .unwrap_or(axum::http::StatusCode::SERVICE_UNAVAILABLE);
    (status, axum::Json(error)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> AdmissionSettings {
        AdmissionSettings {
            rate_limits: true,
            per_tenant: 2,
            queue: 1,
            queue_wait: Duration::from_millis(50),
            alone: 0,
        }
    }

    #[tokio::test]
    async fn a_tenant_s_tier_sets_its_rate_and_each_client_has_half() {
        let admission = Admission::new(settings(), None);
        let (tenant, other) = (Uuid::new_v4(), Uuid::new_v4());
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        // Basic: 600 a minute, a burst of 300; a client 300 a minute, a burst of 150.
        for _ in 0..150 {
            assert!(
                admission
                    .check_rate(tenant, Tier::Basic, Some(a))
                    .await
                    .is_ok()
            );
        }
        let refused = admission.check_rate(tenant, Tier::Basic, Some(a)).await;
        assert!(
            matches!(refused, Err(Refusal::RateLimited { limit: 300, .. })),
            "{refused:?}"
        );
        for _ in 0..150 {
            assert!(
                admission
                    .check_rate(tenant, Tier::Basic, Some(b))
                    .await
                    .is_ok()
            );
        }
        // The tenant's own burst is spent now, whoever asks.
        let c: IpAddr = "10.0.0.3".parse().unwrap();
        assert!(matches!(
            admission.check_rate(tenant, Tier::Basic, Some(c)).await,
            Err(Refusal::RateLimited { limit: 600, .. })
        ));
        assert!(
            admission
                .check_rate(other, Tier::Basic, Some(a))
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn a_tenant_waits_for_its_own_turns_and_others_go_straight_in() {
        let admission = Admission::new(settings(), None);
        let (busy, quiet) = (Uuid::new_v4(), Uuid::new_v4());
        let first = admission.enter(busy).await.unwrap();
        let _second = admission.enter(busy).await.unwrap();
        // Both turns taken: one may wait (and times out), a second waiter is refused at once.
        let waiter = admission.enter(busy);
        let refused_at_once = async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            admission.enter(busy).await
        };
        let (waited, at_once) = tokio::join!(waiter, refused_at_once);
        assert!(matches!(waited, Err(Refusal::Busy)));
        assert!(matches!(at_once, Err(Refusal::Busy)));
        assert!(
            admission.enter(quiet).await.is_ok(),
            "another tenant is not held up"
        );
        drop(first);
        assert!(admission.enter(busy).await.is_ok(), "a freed turn is taken");
    }

    #[tokio::test(start_paused = true)]
    async fn a_tenant_alone_may_use_more_turns_until_another_tenant_comes() {
        let admission = Admission::new(
            AdmissionSettings {
                alone: 3,
                ..settings()
            },
            None,
        );
        let (busy, quiet) = (Uuid::new_v4(), Uuid::new_v4());
        // Alone: three turns beyond its own two.
        let mut held = Vec::new();
        for _ in 0..5 {
            held.push(admission.enter(busy).await.expect("a turn while alone"));
        }
        assert!(admission.enter(quiet).await.is_ok(), "the newcomer goes in");
        // From now on the busy tenant is held to its own two turns, which it already uses.
        assert!(matches!(admission.enter(busy).await, Err(Refusal::Busy)));
        held.clear();
        let mut own = Vec::new();
        for _ in 0..2 {
            own.push(admission.enter(busy).await.expect("its own turns"));
        }
        assert!(matches!(admission.enter(busy).await, Err(Refusal::Busy)));
        // A second without the other tenant: alone again.
        tokio::time::advance(Duration::from_millis(1100)).await;
        assert!(admission.enter(busy).await.is_ok(), "alone again");
    }
}
