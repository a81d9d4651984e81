//! The console's "Noisy neighbours": which tenants use the platform most in the last hour.

use crate::error::AppError;
use crate::model::usage::UsageReport;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::tenant_usage;
    use crate::error::AppError;
    use crate::model::usage::{NoisyNeighbour, UsageReport, WINDOW_MINUTES};
    use chrono::{DurationRound, TimeDelta, Utc};
    use std::collections::HashMap;

    /// How many tenants the view lists.
    const SHOWN: u64 = 10;

    pub async fn load(scope: &ConsoleScope) -> Result<UsageReport, AppError> {
        let this_minute = Utc::now()
            .duration_trunc(TimeDelta::minutes(1))
            .unwrap_or_else(|_| Utc::now());
        let since = this_minute - TimeDelta::minutes(WINDOW_MINUTES as i64 - 1);
        let tx = scope.read("console.usage.viewed", None).await?;
        let busiest = tenant_usage::busiest(&tx, since, SHOWN).await?;
        let ids: Vec<_> = busiest.iter().map(|b| b.tenant_id).collect();
        let minutes = tenant_usage::per_minute(&tx, &ids, since).await?;
        let total_requests = tenant_usage::total_requests(&tx, since).await?;
        tx.commit().await?;
        let mut series: HashMap<_, Vec<i64>> = HashMap::new();
        for m in minutes {
            let slot = (m.minute - since).num_minutes();
            if let Ok(slot) = usize::try_from(slot)
                && slot < WINDOW_MINUTES
            {
                series
                    .entry(m.tenant_id)
                    .or_insert_with(|| vec![0; WINDOW_MINUTES])[slot] += i64::from(m.requests);
            }
        }
        let tenants = busiest
            .into_iter()
            .map(|b| NoisyNeighbour {
                p95_millis: tenant_usage::quantile_ms(&b.latency_buckets, 0.95),
                per_minute: series
                    .remove(&b.tenant_id)
                    .unwrap_or_else(|| vec![0; WINDOW_MINUTES]),
                slug: b.slug,
                name: b.name,
                tier: b.tier,
                requests: b.requests,
                errors: b.errors,
                limited: b.limited,
                db_millis: b.db_micros / 1000,
            })
            .collect();
        Ok(UsageReport {
            tenants,
            total_requests,
        })
    }
}

/// The ten tenants with the most requests in the last hour.
#[server(prefix = "/console/api", endpoint = "noisy_neighbours")]
pub async fn noisy_neighbours() -> Result<UsageReport, AppError> {
    use crate::auth::console::serve_console;
    serve_console(async |scope| imp::load(scope).await).await
}
