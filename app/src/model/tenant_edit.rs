//! Both sides of the wire: the console's form for a tenant's configuration (name, tier,
//! features, colours, sign-up and session policy) and its checks.

use super::new_tenant::{checked_colours, checked_name, checked_reason};
use super::{Features, FormError, HexColor, Tier};
use serde::{Deserialize, Serialize};

/// Sessions may idle between 5 minutes and 30 days; a person may hold 1 to 50 at once (the
/// same bounds the portal applies when reading them).
pub const IDLE_MINUTES: std::ops::RangeInclusive<u64> = 5..=(30 * 24 * 60);
pub const MAX_SESSIONS: std::ops::RangeInclusive<u64> = 1..=50;

/// The tenant settings form, as typed (unticked boxes are not sent, hence the defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenantEditForm {
    pub name: String,
    pub tier: String,
    pub courses: bool,
    pub assessments: bool,
    pub community: bool,
    pub ecommerce: bool,
    pub primary: String,
    pub secondary: String,
    pub accent: String,
    /// "open" or "invite".
    pub signup: String,
    pub idle_minutes: String,
    pub max_sessions: String,
    pub reason: String,
}

/// A `TenantEditForm` that passed its checks.
#[derive(Debug, Clone)]
pub struct ValidEdit {
    pub name: String,
    pub tier: Tier,
    pub features: Features,
    pub primary: HexColor,
    pub secondary: HexColor,
    pub accent: HexColor,
    pub signup_open: bool,
    pub idle_minutes: u64,
    pub max_sessions: u64,
    pub reason: String,
}

pub(crate) fn number_in(
    text: &str,
    range: &std::ops::RangeInclusive<u64>,
) -> Result<u64, FormError> {
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or(FormError::SettingOutOfRange)
}

impl TenantEditForm {
    pub fn validate(&self) -> Result<ValidEdit, FormError> {
        let name = checked_name(&self.name)?;
        let tier = Tier::parse(self.tier.trim()).ok_or(FormError::SettingOutOfRange)?;
        let (primary, secondary, accent) =
            checked_colours(&self.primary, &self.secondary, &self.accent)?;
        let signup_open = match self.signup.trim() {
            "open" => true,
            "invite" => false,
            _ => return Err(FormError::SettingOutOfRange),
        };
        let idle_minutes = number_in(&self.idle_minutes, &IDLE_MINUTES)?;
        let max_sessions = number_in(&self.max_sessions, &MAX_SESSIONS)?;
        let reason = checked_reason(&self.reason)?;
        Ok(ValidEdit {
            name,
            tier,
            features: Features {
                courses: self.courses,
                assessments: self.assessments,
                community: self.community,
                ecommerce: self.ecommerce,
            },
            primary,
            secondary,
            accent,
            signup_open,
            idle_minutes,
            max_sessions,
            reason,
        })
    }
}

impl ValidEdit {
    /// `settings` with this form's sign-up and session policy written into it; other keys stay.
    pub fn merged_settings(&self, settings: &serde_json::Value) -> serde_json::Value {
        super::admin::Policies {
            signup_open: self.signup_open,
            idle_minutes: self.idle_minutes,
            max_sessions: self.max_sessions,
        }
        .merged_into(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> TenantEditForm {
        TenantEditForm {
            name: "Alpha".into(),
            tier: "enterprise".into(),
            courses: true,
            primary: "#1D4A38".into(),
            secondary: "#475569".into(),
            accent: "#B2613E".into(),
            signup: "invite".into(),
            idle_minutes: "60".into(),
            max_sessions: "3".into(),
            reason: "Asked by their owner".into(),
            ..Default::default()
        }
    }

    #[test]
    fn settings_are_checked_and_merged_without_losing_other_keys() {
        let valid = good().validate().unwrap();
        let merged = valid.merged_settings(&serde_json::json!({
            "signup": "open", "session": {"idle_minutes": 10, "other": 1}, "theme": "x"
        }));
        assert_eq!(merged["signup"], "invite");
        assert_eq!(merged["session"]["idle_minutes"], 60);
        assert_eq!(merged["session"]["max_sessions"], 3);
        assert_eq!(merged["session"]["other"], 1);
        assert_eq!(merged["theme"], "x");
        let with = |f: fn(&mut TenantEditForm)| {
            let mut form = good();
            f(&mut form);
            form.validate().err()
        };
        assert_eq!(
            with(|f| f.idle_minutes = "1".into()),
            Some(FormError::SettingOutOfRange)
        );
        assert_eq!(
            with(|f| f.max_sessions = "many".into()),
            Some(FormError::SettingOutOfRange)
        );
        assert_eq!(
            with(|f| f.signup = "maybe".into()),
            Some(FormError::SettingOutOfRange)
        );
        assert_eq!(
            with(|f| f.tier = "gold".into()),
            Some(FormError::SettingOutOfRange)
        );
        assert_eq!(
            with(|f| f.primary = "#FFFFFF".into()),
            Some(FormError::ColourUnreadable)
        );
        assert_eq!(
            with(|f| f.reason = " ".into()),
            Some(FormError::ReasonRequired)
        );
    }
}
