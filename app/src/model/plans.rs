//! Both sides of the wire: what each tier includes — the features a tenant's admins may switch
//! on, and its quotas. The one place tiers are defined; `domain::quotas` enforces them.

use super::{Feature, Features, Tier};
use serde::{Deserialize, Serialize};

/// A tier's allowances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub tier: Tier,
    /// Features the tenant may switch on.
    pub features: Features,
    /// Members, counting open invitations (each may become one).
    pub members: u64,
    /// Courses, drafts included.
    pub courses: u64,
    /// Bytes of uploaded files (course covers, branding).
    pub storage_bytes: u64,
    /// Requests per minute a tenant's portal may take (enforced by the operations work).
    pub requests_per_minute: u32,
}

/// Decimal, as sizes are shown.
const GB: u64 = 1_000_000_000;

pub const PLANS: [Plan; 3] = [
    Plan {
        tier: Tier::Basic,
        features: Features {
            courses: true,
            assessments: true,
            community: false,
            ecommerce: false,
        },
        members: 100,
        courses: 20,
        storage_bytes: GB,
        requests_per_minute: 600,
    },
    Plan {
        tier: Tier::Premium,
        features: Features {
            courses: true,
            assessments: true,
            community: true,
            ecommerce: true,
        },
        members: 1_000,
        courses: 200,
        storage_bytes: 10 * GB,
        requests_per_minute: 3_000,
    },
    Plan {
        tier: Tier::Enterprise,
        features: Features {
            courses: true,
            assessments: true,
            community: true,
            ecommerce: true,
        },
        members: 100_000,
        courses: 10_000,
        storage_bytes: 100 * GB,
        requests_per_minute: 12_000,
    },
];

impl Plan {
    pub fn of(tier: Tier) -> Plan {
        match tier {
            Tier::Basic => PLANS[0],
            Tier::Premium => PLANS[1],
            Tier::Enterprise => PLANS[2],
        }
    }

    /// The lowest tier that includes `feature`.
    pub fn lowest_with(feature: Feature) -> Tier {
        PLANS
            .iter()
            .find(|p| p.features.has(feature))
            .map_or(Tier::Enterprise, |p| p.tier)
    }
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::Basic => "Basic",
            Tier::Premium => "Premium",
            Tier::Enterprise => "Enterprise",
        }
    }
}

/// One quota as the usage panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaUse {
    pub label: String,
    pub used: u64,
    pub limit: u64,
    /// "12 of 100" or "1.2 MB of 1 GB".
    pub text: String,
}

impl QuotaUse {
    /// Used as a share of the limit, 0 to 100.
    pub fn percent(&self) -> u32 {
        if self.limit == 0 {
            return 100;
        }
        u32::try_from((self.used.saturating_mul(100) / self.limit).min(100)).unwrap_or(100)
    }
}

/// A feature as the admin's features form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureChoice {
    pub feature: Feature,
    pub on: bool,
    /// `None`: included in this tier; otherwise the lowest tier that has it.
    pub available_on: Option<Tier>,
}

/// The admin's plan page: tier, features within it, and usage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub tier: Tier,
    pub features: Vec<FeatureChoice>,
    pub quotas: Vec<QuotaUse>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_tiers_include_at_least_as_much() {
        for pair in PLANS.windows(2) {
            let (low, high) = (pair[0], pair[1]);
            assert!(high.members >= low.members && high.courses >= low.courses);
            assert!(high.storage_bytes >= low.storage_bytes);
            for f in [
                Feature::Courses,
                Feature::Assessments,
                Feature::Community,
                Feature::Ecommerce,
            ] {
                assert!(!low.features.has(f) || high.features.has(f), "{f:?}");
            }
        }
        assert_eq!(Plan::lowest_with(Feature::Community), Tier::Premium);
        assert_eq!(Plan::lowest_with(Feature::Courses), Tier::Basic);
    }

    #[test]
    fn usage_is_a_bounded_share() {
        let q = |used, limit| QuotaUse {
            label: String::new(),
            used,
            limit,
            text: String::new(),
        };
        assert_eq!(q(25, 100).percent(), 25);
        assert_eq!(q(250, 100).percent(), 100);
        assert_eq!(q(0, 0).percent(), 100);
    }
}
