//! The console's platform analytics (what crosses the wire): figures per tier and status, per
//! month and per week, and the busiest tenants.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformAnalytics {
    /// (tier, active, suspended), every tier listed.
    pub tiers: Vec<(String, i64, i64)>,
    /// ("2026-11", tenants created that month), the last twelve months, oldest first.
    pub new_tenants: Vec<(String, i64)>,
    /// ("Nov 23", enrolments, completions) for the twelve weeks ending this one (weeks start on
    /// Monday), oldest first.
    pub weeks: Vec<(String, i64, i64)>,
    /// ("2026-11", paid revenue in cents), the last twelve months, oldest first.
    pub revenue: Vec<(String, i64)>,
    /// The ten tenants with the most learners active in the last 30 days.
    pub busiest: Vec<BusyTenant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusyTenant {
    pub slug: String,
    pub name: String,
    pub active_learners: i64,
    pub enrolments: i64,
    pub completions: i64,
    pub revenue_cents: i64,
}
