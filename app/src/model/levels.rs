//! Both sides of the wire: member levels — each tenant's ordered names for what a member may
//! reach (seed 002's `guest < basic < advanced < company`).

use super::FormError;
use serde::{Deserialize, Serialize};

/// At most this many levels per tenant.
pub const MAX_LEVELS: usize = 12;

/// One level as the admin area lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelInfo {
    pub id: String,
    pub name: String,
    pub is_default: bool,
    /// Members at this level.
    pub members: u64,
    /// Courses requiring it.
    pub courses: u64,
}

/// A level's name: 1 to 40 characters with no control characters, trimmed.
pub fn level_name(raw: &str) -> Result<String, FormError> {
    let name = raw.trim();
    if name.chars().any(char::is_control) {
        return Err(FormError::ControlCharacters);
    }
    if name.is_empty() || name.chars().count() > 40 {
        return Err(FormError::LevelNameInvalid);
    }
    Ok(name.to_owned())
}

/// The small choice list of levels shown next to members, invitations and course settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChoice {
    pub id: String,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(level_name("  Advanced "), Ok("Advanced".into()));
        assert_eq!(level_name(""), Err(FormError::LevelNameInvalid));
        assert_eq!(
            level_name(&"x".repeat(41)),
            Err(FormError::LevelNameInvalid)
        );
        assert_eq!(level_name("a\u{7}b"), Err(FormError::ControlCharacters));
    }
}
