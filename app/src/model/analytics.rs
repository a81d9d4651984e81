//! Analytics that cross the wire: the console's platform figures (per tier and status, per month
//! and per week, the busiest tenants) and a tenant's own dashboard for its admins.

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

/// A tenant's dashboard for its admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantAnalytics {
    /// Learners who opened a lesson in the last 7 and 30 days.
    pub active_7: i64,
    pub active_30: i64,
    /// The last twelve weeks: (label, enrolments, completions).
    pub weeks: Vec<(String, i64, i64)>,
    /// The courses with the most learners: (title, enrolled, completed).
    pub courses: Vec<(String, i64, i64)>,
    /// The most taken quizzes: (title, people who took it, people who passed).
    pub quizzes: Vec<(String, i64, i64)>,
    /// Paid revenue in cents per month, when the tenant sells courses.
    pub revenue: Option<Vec<(String, i64)>>,
}

/// The dashboard's charts, each also downloadable as CSV (`/admin/analytics/<name>.csv`).
pub const TENANT_CHARTS: [&str; 4] = ["weeks", "courses", "quizzes", "revenue"];

/// `part` of `whole` as a whole percentage (0 when there is no whole).
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { part * 100 / whole }
}
