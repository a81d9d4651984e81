//! A subscription's lifecycle, as both sides of the wire name it. The database holds the same
//! states and refuses illegal moves itself (migration 0024); `may_become` mirrors its table so
//! pages can offer only the moves that will succeed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubscriptionState {
    /// Checkout started, not paid yet.
    Signing,
    /// Paid and active: the plan's access is granted.
    Signed,
    /// A payment failed or an admin paused it: access paused, data kept.
    Suspended,
    /// Ended: cancelled at period end, declined, or expired after the grace period.
    Unsigned,
}

impl SubscriptionState {
    pub const ALL: [Self; 4] = [Self::Signing, Self::Signed, Self::Suspended, Self::Unsigned];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Signing => "signing",
            Self::Signed => "signed",
            Self::Suspended => "suspended",
            Self::Unsigned => "unsigned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Signing => "Awaiting payment",
            Self::Signed => "Active",
            Self::Suspended => "Suspended",
            Self::Unsigned => "Ended",
        }
    }

    /// Whether the plan's access is granted in this state.
    pub fn grants_access(self) -> bool {
        self == Self::Signed
    }

    /// The lifecycle's legal moves (the database's `subscription_transitions`).
    pub fn may_become(self, to: Self) -> bool {
        use SubscriptionState::*;
        matches!(
            (self, to),
            (Signing, Signed)
                | (Signing, Unsigned)
                | (Signed, Suspended)
                | (Signed, Unsigned)
                | (Suspended, Signed)
                | (Suspended, Unsigned)
        )
    }
}

/// Who or what changed a subscription, recorded with every transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeCause {
    User,
    Admin,
    Payment,
    Job,
}

impl ChangeCause {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Admin => "admin",
            Self::Payment => "payment",
            Self::Job => "job",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::User, Self::Admin, Self::Payment, Self::Job]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BillingInterval {
    Month,
    Year,
}

impl BillingInterval {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_lifecycle_moves_are_allowed() {
        use SubscriptionState::*;
        let allowed: Vec<_> = ALL_PAIRS.iter().filter(|(a, b)| a.may_become(*b)).collect();
        assert_eq!(allowed.len(), 6);
        assert!(
            !Unsigned.may_become(Signed),
            "an ended subscription stays ended"
        );
        assert!(!Signing.may_become(Suspended));
        assert!(!Signed.may_become(Signing));
        for state in SubscriptionState::ALL {
            assert_eq!(SubscriptionState::parse(state.as_str()), Some(state));
            assert!(!state.may_become(state));
        }
        assert!(Signed.grants_access() && !Suspended.grants_access());
    }

    const ALL_PAIRS: [(SubscriptionState, SubscriptionState); 16] = {
        use SubscriptionState::*;
        [
            (Signing, Signing),
            (Signing, Signed),
            (Signing, Suspended),
            (Signing, Unsigned),
            (Signed, Signing),
            (Signed, Signed),
            (Signed, Suspended),
            (Signed, Unsigned),
            (Suspended, Signing),
            (Suspended, Signed),
            (Suspended, Suspended),
            (Suspended, Unsigned),
            (Unsigned, Signing),
            (Unsigned, Signed),
            (Unsigned, Suspended),
            (Unsigned, Unsigned),
        ]
    };
}
