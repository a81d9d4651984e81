//! Platform analytics for the console: what the charts on `/console/analytics` show.

use crate::error::AppError;
use crate::model::analytics::PlatformAnalytics;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::platform_analytics as figures;
    use crate::error::AppError;
    use crate::model::Tier;
    use crate::model::analytics::{BusyTenant, PlatformAnalytics};

    pub async fn load(scope: &ConsoleScope) -> Result<PlatformAnalytics, AppError> {
        let tx = scope.read("console.analytics.viewed", None).await?;
        let tier_rows = figures::tiers(&tx).await?;
        let new_tenants = figures::new_tenants(&tx).await?;
        let weeks = figures::weeks(&tx).await?;
        let revenue = figures::revenue(&tx).await?;
        let busiest = figures::busiest(&tx).await?;
        tx.commit().await?;
        // Every tier, in order, even one nobody is on.
        let tiers = [Tier::Basic, Tier::Premium, Tier::Enterprise]
            .into_iter()
            .map(|tier| {
                let row = tier_rows.iter().find(|r| r.tier == tier.as_str());
                (
                    tier.as_str().to_owned(),
                    row.map_or(0, |r| r.active),
                    row.map_or(0, |r| r.suspended),
                )
            })
            .collect();
        Ok(PlatformAnalytics {
            tiers,
            new_tenants: new_tenants.into_iter().map(|c| (c.label, c.n)).collect(),
            weeks: weeks
                .into_iter()
                .map(|w| (w.label, w.enrolments, w.completions))
                .collect(),
            revenue: revenue.into_iter().map(|c| (c.label, c.n)).collect(),
            busiest: busiest
                .into_iter()
                .map(|b| BusyTenant {
                    slug: b.slug,
                    name: b.name,
                    active_learners: b.active_learners,
                    enrolments: b.enrolments,
                    completions: b.completions,
                    revenue_cents: b.revenue_cents,
                })
                .collect(),
        })
    }
}

/// The platform's figures for the analytics page.
#[server(prefix = "/console/api", endpoint = "analytics")]
pub async fn console_analytics() -> Result<PlatformAnalytics, AppError> {
    use crate::auth::console::serve_console;
    serve_console(async |scope| imp::load(scope).await).await
}
