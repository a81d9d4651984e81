//! Both sides of the wire: the portal's admin area (members, invitations, policies) — the
//! values its pages show and the checks its forms share with the server.

use super::tenant_edit::{IDLE_MINUTES, MAX_SESSIONS, number_in};
use super::{FormError, Role};
use serde::{Deserialize, Serialize};

/// Members shown per page of the members list.
pub const MEMBERS_PER_PAGE: u64 = 25;

/// The members list's search, as typed in its GET form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberQuery {
    /// Part of a name or email address.
    pub q: String,
    /// Only this role (`None`: every role).
    pub role: Option<Role>,
    /// Only this member level's id (`None`: every level).
    pub level: Option<String>,
    /// 1-based.
    pub page: u64,
}

impl MemberQuery {
    /// From the page's query parameters; anything unreadable means "no filter" or page 1.
    pub fn from_params(
        q: Option<String>,
        role: Option<String>,
        level: Option<String>,
        page: Option<String>,
    ) -> Self {
        Self {
            q: q.unwrap_or_default().trim().chars().take(100).collect(),
            role: role.as_deref().and_then(Role::parse),
            level: level.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()),
            page: page
                .and_then(|p| p.trim().parse::<u64>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// Their member level's id and name, if they have one.
    pub level: Option<super::levels::LevelChoice>,
    /// "2026-12-02".
    pub joined: String,
    /// When they last used a signed-in session here ("2026-12-02"), if ever.
    pub last_active: Option<String>,
    /// The admin looking at the list.
    pub is_you: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberPage {
    pub rows: Vec<MemberRow>,
    /// Members matching the search.
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Whether the admin looking may make or change owners.
    pub viewer_is_owner: bool,
    /// The tenant's member levels, lowest first.
    pub levels: Vec<super::levels::LevelChoice>,
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Pending,
    Expired,
    Accepted,
    Revoked,
}

impl InvitationState {
    pub fn label(self) -> &'static str {
        match self {
            InvitationState::Pending => "Pending",
            InvitationState::Expired => "Expired",
            InvitationState::Accepted => "Accepted",
            InvitationState::Revoked => "Revoked",
        }
    }
}

/// What became of an invitation's latest email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailState {
    Queued,
    Sent,
    /// No mail server is configured: the admin shares the link.
    NotSent,
    Failed,
}

impl MailState {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "queued" => Some(MailState::Queued),
            "sent" => Some(MailState::Sent),
            "logged" => Some(MailState::NotSent),
            "failed" => Some(MailState::Failed),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MailState::Queued => "Email queued",
            MailState::Sent => "Email sent",
            MailState::NotSent => "Not emailed: share the link",
            MailState::Failed => "Email failed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: String,
    pub email: String,
    pub role: Role,
    /// The member level it gives, if not the default.
    pub level: Option<String>,
    pub state: InvitationState,
    /// "2026-12-09 14:00 UTC".
    pub expires: String,
    /// Who sent it, if they are still a member.
    pub invited_by: Option<String>,
    pub mail: Option<MailState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationList {
    /// Open ones first, then the 50 most recent others.
    pub rows: Vec<InvitationRow>,
    /// Whether this server sends mail (otherwise admins copy links).
    pub mail_delivers: bool,
    pub viewer_is_owner: bool,
    /// The levels an invitation may give, lowest first.
    pub levels: Vec<super::levels::LevelChoice>,
    /// The link just made or renewed, shown once after the form that made it.
    pub fresh: Option<InvitationLink>,
}

/// A new or renewed invitation: its link is shown this once (only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    pub email: String,
    pub link: String,
    pub mailed: bool,
}

/// The sign-up and session policy form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    /// "open" or "invite".
    pub signup: String,
    pub idle_minutes: String,
    pub max_sessions: String,
    /// The member level new members get: a level's id, or empty for none.
    pub default_level: String,
}

/// The policies page: the current policies, the level new members get, and the levels to
/// choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyView {
    pub policies: Policies,
    pub default_level: Option<String>,
    pub levels: Vec<super::levels::LevelChoice>,
}

/// A `PolicyForm` that passed its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policies {
    pub signup_open: bool,
    pub idle_minutes: u64,
    pub max_sessions: u64,
}

impl PolicyForm {
    pub fn validate(&self) -> Result<Policies, FormError> {
        let signup_open = match self.signup.trim() {
            "open" => true,
            "invite" => false,
            _ => return Err(FormError::SettingOutOfRange),
        };
        Ok(Policies {
            signup_open,
            idle_minutes: number_in(&self.idle_minutes, &IDLE_MINUTES)?,
            max_sessions: number_in(&self.max_sessions, &MAX_SESSIONS)?,
        })
    }
}

impl Policies {
    /// `settings` with these policies written in; other keys stay.
    pub fn merged_into(&self, settings: &serde_json::Value) -> serde_json::Value {
        let mut merged = if settings.is_object() {
            settings.clone()
        } else {
            serde_json::json!({})
        };
        merged["signup"] = serde_json::json!(if self.signup_open { "open" } else { "invite" });
        let mut session = merged
            .get("session")
            .filter(|s| s.is_object())
            .cloned()
            .unwrap_or_else(|| serde_json::json!({}));
        session["idle_minutes"] = serde_json::json!(self.idle_minutes);
        session["max_sessions"] = serde_json::json!(self.max_sessions);
        merged["session"] = session;
        merged
    }
}

/// The branding form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrandingForm {
    /// The portal's title: the organisation's name as its portal shows it.
    pub name: String,
    pub tagline: String,
    pub primary: String,
    pub secondary: String,
    pub accent: String,
}

/// A `BrandingForm` that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBranding {
    pub name: String,
    /// Empty: the default line.
    pub tagline: String,
    pub primary: super::HexColor,
    pub secondary: super::HexColor,
    pub accent: super::HexColor,
}

/// Longest tagline, in characters.
pub const MAX_TAGLINE: usize = 160;

impl BrandingForm {
    /// The same checks as the console's: a name, readable colours (the primary must reach 3:1
    /// on the page), and a tagline of at most 160 characters.
    pub fn validate(&self) -> Result<ValidBranding, FormError> {
        let name = super::new_tenant::checked_name(&self.name)?;
        let (primary, secondary, accent) =
            super::new_tenant::checked_colours(&self.primary, &self.secondary, &self.accent)?;
        let tagline = self.tagline.trim();
        if tagline.chars().any(char::is_control) {
            return Err(FormError::ControlCharacters);
        }
        if tagline.chars().count() > MAX_TAGLINE {
            return Err(FormError::TooLong);
        }
        Ok(ValidBranding {
            name,
            tagline: tagline.to_owned(),
            primary,
            secondary,
            accent,
        })
    }
}

/// The branding page: what is saved now (images as addresses inside the portal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandingView {
    pub name: String,
    pub tagline: String,
    pub primary: String,
    pub secondary: String,
    pub accent: String,
    pub logo: Option<String>,
    pub favicon: Option<String>,
}

/// Who may give or change `role`: only owners touch owners; admins handle everyone else.
pub fn may_assign(actor: Role, role: Role) -> Result<(), FormError> {
    if role == Role::Owner && actor != Role::Owner {
        Err(FormError::OwnersOnly)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_query_reads_what_it_can() {
        let q = MemberQuery::from_params(Some(" sam ".into()), Some("admin".into()), None, None);
        assert_eq!(q.q, "sam");
        assert_eq!(q.role, Some(Role::Admin));
        assert_eq!((q.level, q.page), (None, 1));
        let q = MemberQuery::from_params(
            None,
            Some("boss".into()),
            Some(" ".into()),
            Some("0".into()),
        );
        assert_eq!((q.role, q.level, q.page), (None, None, 1));
        let q = MemberQuery::from_params(None, None, Some("abc".into()), Some("3".into()));
        assert_eq!((q.level.as_deref(), q.page), (Some("abc"), 3));
    }

    #[test]
    fn policies_are_bounded_and_merge_into_settings() {
        let form = |signup: &str, idle: &str, max: &str| PolicyForm {
            signup: signup.into(),
            idle_minutes: idle.into(),
            max_sessions: max.into(),
            default_level: String::new(),
        };
        let ok = form("invite", "60", "3").validate().unwrap();
        assert_eq!(
            (ok.signup_open, ok.idle_minutes, ok.max_sessions),
            (false, 60, 3)
        );
        for bad in [
            form("maybe", "60", "3"),
            form("open", "4", "3"),
            form("open", "43201", "3"),
            form("open", "60", "0"),
            form("open", "60", "51"),
            form("open", "sixty", "3"),
        ] {
            assert_eq!(bad.validate(), Err(FormError::SettingOutOfRange), "{bad:?}");
        }
        let merged = ok.merged_into(&serde_json::json!({"theme": "x", "session": {"other": 1}}));
        assert_eq!(merged["signup"], "invite");
        assert_eq!(merged["theme"], "x");
        assert_eq!(merged["session"]["other"], 1);
        assert_eq!(merged["session"]["idle_minutes"], 60);
    }

    #[test]
    fn only_owners_assign_owners() {
        assert_eq!(
            may_assign(Role::Admin, Role::Owner),
            Err(FormError::OwnersOnly)
        );
        assert_eq!(may_assign(Role::Admin, Role::Admin), Ok(()));
        assert_eq!(may_assign(Role::Owner, Role::Owner), Ok(()));
    }
}
