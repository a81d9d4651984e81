//! Both sides of the wire: what the platform console lists and how its list is asked for.

use super::Tier;
use serde::{Deserialize, Serialize};

/// What the tenant list is sorted by. Counts come from counters the database keeps
/// (`tenant_counters`), so every sort is an index walk, not a count per tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TenantSort {
    #[default]
    Name,
    Created,
    Members,
    Courses,
    Enrolments,
}

impl TenantSort {
    pub const ALL: [TenantSort; 5] = [
        TenantSort::Name,
        TenantSort::Created,
        TenantSort::Members,
        TenantSort::Courses,
        TenantSort::Enrolments,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TenantSort::Name => "name",
            TenantSort::Created => "created",
            TenantSort::Members => "members",
            TenantSort::Courses => "courses",
            TenantSort::Enrolments => "enrolments",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TenantSort::Name => "Name",
            TenantSort::Created => "Newest",
            TenantSort::Members => "Members",
            TenantSort::Courses => "Courses",
            TenantSort::Enrolments => "Enrolments",
        }
    }

    /// Names read A to Z; everything else biggest or newest first.
    pub fn descending(self) -> bool {
        !matches!(self, TenantSort::Name)
    }
}

/// Where a page of the list ends: the last row's sort value and id (keyset pagination), written
/// as `<value>~<id>` in the page's address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListCursor {
    pub value: String,
    pub id: uuid::Uuid,
}

impl ListCursor {
    pub fn parse(s: &str) -> Option<Self> {
        let (value, id) = s.rsplit_once('~')?;
        Some(Self {
            value: value.to_owned(),
            id: id.parse().ok()?,
        })
    }

    pub fn encode(&self) -> String {
        format!("{}~{}", self.value, self.id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TenantStatus {
    Active,
    Suspended,
}

impl TenantStatus {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }
}

/// One request for a page of the tenant list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantListQuery {
    /// Part of a name, slug or custom domain.
    pub search: String,
    pub status: Option<TenantStatus>,
    pub tier: Option<Tier>,
    pub sort: TenantSort,
    pub after: Option<ListCursor>,
}

impl TenantListQuery {
    /// From the list's address or form fields, as text; anything unreadable counts as not given.
    pub fn from_params(
        search: Option<String>,
        status: Option<String>,
        tier: Option<String>,
        sort: Option<String>,
        after: Option<String>,
    ) -> Self {
        Self {
            search: search.unwrap_or_default(),
            status: status.and_then(|s| TenantStatus::parse(&s)),
            tier: tier.and_then(|s| Tier::parse(&s)),
            sort: sort.and_then(|s| TenantSort::parse(&s)).unwrap_or_default(),
            after: after.and_then(|s| ListCursor::parse(&s)),
        }
    }
}

/// One row of the console's tenant list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantListRow {
    pub slug: String,
    pub name: String,
    pub status: String,
    pub tier: String,
    pub domains: Vec<String>,
    pub members: i64,
    pub courses: i64,
    pub enrolments: i64,
    /// People who opened a lesson in the last 30 days.
    pub active_learners: i64,
    /// Paid invoices (plans, products and courses) in the last 30 days, in minor units.
    pub revenue_cents: i64,
    /// Subscriptions in the `signed` state.
    pub active_subscriptions: i64,
    /// `YYYY-MM-DD`.
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantListPage {
    pub rows: Vec<TenantListRow>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<ListCursor>,
}

/// The signed-in super admin, as the console's pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleAdminInfo {
    pub display_name: String,
    pub email: String,
}

/// `$1,234.50` from cents.
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let dollars = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in dollars.chars().enumerate() {
        if i > 0 && (dollars.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}${grouped}.{:02}", cents % 100)
}

/// What provisioning made, for the page that follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provisioned {
    pub slug: String,
    /// The owner had an Atrium identity and is a member already.
    pub owner_joined: bool,
    /// `/<slug>/invitation?token=…` for a new owner (shown once; no mail is sent yet).
    pub invitation_path: Option<String>,
}

/// The answer to a slug typed into the "New tenant" form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlugCheck {
    pub available: bool,
    pub message: String,
}

/// A tenant as the console's tenant page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantSummary {
    pub slug: String,
    pub name: String,
    pub status: String,
    pub tier: String,
    pub primary: String,
    pub path_url: String,
    pub subdomain_url: String,
    /// Present once, right after the tenant was provisioned.
    pub created: Option<Provisioned>,
    /// The configuration, as its form shows it.
    pub settings: crate::model::tenant_edit::TenantEditForm,
    pub domains: Vec<DomainInfo>,
    pub overview: TenantOverview,
    /// When its scheduled deletion runs (UTC), if one is scheduled.
    pub deletion_due: Option<String>,
}

/// Who is in a tenant, how much it holds, and what was done to it lately.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantOverview {
    /// (role, members), owners first.
    pub members_by_role: Vec<(String, i64)>,
    /// Owners and admins: (name, email, role).
    pub leaders: Vec<(String, String, String)>,
    pub members: i64,
    pub courses: i64,
    pub enrolments: i64,
    /// Bytes of uploaded files.
    pub storage_bytes: u64,
    /// Latest console actions about it.
    pub console_entries: Vec<AuditLine>,
    /// Latest entries of its own audit log.
    pub tenant_entries: Vec<AuditLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub action: String,
    pub actor: String,
    pub note: String,
    /// `YYYY-MM-DD HH:MM` UTC.
    pub at: String,
}

/// `1.5 MB` from bytes.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A custom domain and, until it is verified, the DNS record that proves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainInfo {
    pub host: String,
    pub verified: bool,
    /// `_atrium-challenge.<host>`.
    pub record_name: String,
    /// The TXT record's value.
    pub token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = ListCursor {
            value: "a~b c".into(),
            id: uuid::Uuid::from_u128(7),
        };
        assert_eq!(ListCursor::parse(&c.encode()), Some(c));
        assert_eq!(ListCursor::parse("no-separator"), None);
        assert_eq!(ListCursor::parse("5~not-a-uuid"), None);
    }

    #[test]
    fn sorts_parse_from_their_names_only() {
        for sort in TenantSort::ALL {
            assert_eq!(TenantSort::parse(sort.as_str()), Some(sort));
        }
        assert_eq!(TenantSort::parse("members; DROP TABLE tenants"), None);
    }

    #[test]
    fn sizes_read_in_the_nearest_unit() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(1_500), "1.5 KB");
        assert_eq!(size(2_500_000), "2.5 MB");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0), "$0.00");
        assert_eq!(money(4900), "$49.00");
        assert_eq!(money(123_456_789), "$1,234,567.89");
        assert_eq!(money(-150), "-$1.50");
    }
}
