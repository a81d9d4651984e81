//! Who is signed in, as pages see it.

use serde::{Deserialize, Serialize};

/// A member's role in one tenant, from least to most trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Instructor,
    Admin,
    Owner,
}

impl Role {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "member" => Some(Role::Member),
            "instructor" => Some(Role::Instructor),
            "admin" => Some(Role::Admin),
            "owner" => Some(Role::Owner),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Instructor => "instructor",
            Role::Admin => "admin",
            Role::Owner => "owner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Member => "Member",
            Role::Instructor => "Instructor",
            Role::Admin => "Admin",
            Role::Owner => "Owner",
        }
    }
}

/// The signed-in person in this portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewerInfo {
    pub display_name: String,
    pub email: String,
    /// `None` when signed in but not (yet) a member of this tenant.
    pub role: Option<Role>,
    /// Whether this tenant lets people join by themselves.
    pub can_join: bool,
    /// Every portal the person belongs to, this one included, for the switcher.
    pub portals: Vec<PortalLink>,
}

/// Who a portal hand-off link is for, shown before it is used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoffPerson {
    pub display_name: String,
    pub email: String,
}

/// Another portal the viewer belongs to, for the switcher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalLink {
    pub slug: String,
    pub name: String,
    pub role: Role,
    pub current: bool,
}

/// Length rules for new passwords (see `FormError::for_password`).
pub const MIN_PASSWORD_LEN: usize = 12;
pub const MAX_PASSWORD_LEN: usize = 128;

/// A plausible email address: something@something.something, no spaces, not absurdly long.
pub fn email_is_valid(email: &str) -> bool {
    let email = email.trim();
    email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_trust() {
        assert!(Role::Owner > Role::Admin);
        assert!(Role::Admin > Role::Instructor);
        assert!(Role::Instructor > Role::Member);
        assert_eq!(Role::parse("admin"), Some(Role::Admin));
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn emails_are_checked_for_shape() {
        assert!(email_is_valid("sam@learner.example"));
        for bad in [
            "",
            "sam",
            "sam@",
            "@x.org",
            "sam@localhost",
            "s am@x.org",
            "sam@x.",
        ] {
            assert!(!email_is_valid(bad), "{bad}");
        }
    }
}

/// Who an invitation is for, as its page shows it before it is used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub role: String,
    /// The address already has an Atrium account with a password: accepting takes that
    /// password instead of a new name and password.
    pub existing: bool,
}
