//! Support sessions: a super admin inside a tenant's portal, for a limited time.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a portal session carries while it is a support session (kept in the session's data,
/// and checked against the database on every request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportGrant {
    pub id: Uuid,
    pub admin_id: Uuid,
    pub admin_name: String,
    /// When it ends (Unix seconds).
    pub expires_at: i64,
    /// Whether changes are allowed; otherwise every write is refused by the database.
    pub write: bool,
}

impl SupportGrant {
    /// "14:05 UTC": when it ends, as the banner says it.
    pub fn ends_at_text(&self) -> String {
        chrono::DateTime::from_timestamp(self.expires_at, 0)
            .map(|t| t.format("%H:%M UTC").to_string())
            .unwrap_or_default()
    }
}
