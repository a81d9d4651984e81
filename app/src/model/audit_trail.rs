//! The console's platform-wide audit trail: console actions and every tenant's own log, newest
//! first, filtered and paged by keyset (what crosses the wire).

use serde::{Deserialize, Serialize};

/// The filters, as the page's address carries them (empty means "any").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// A tenant's slug.
    pub tenant: String,
    /// The acting person's email.
    pub actor: String,
    /// The start of an action's name: `console.`, `row.courses`, `support.request`.
    pub action: String,
    /// Dates (YYYY-MM-DD, UTC), inclusive.
    pub from: String,
    pub to: String,
    /// Where the previous page ended (`<time>~<id>`).
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// "2026-11-26 21:04:05 UTC"
    pub at: String,
    /// "console" (a super admin's action) or "portal" (the tenant's own log).
    pub source: String,
    pub tenant: Option<String>,
    pub actor: Option<String>,
    /// The super admin behind it, in a support session.
    pub impersonator: Option<String>,
    pub action: String,
    /// The reason given (console), or the subject and what changed (portal).
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditTrailPage {
    pub entries: Vec<AuditEntry>,
    /// The next (older) page's cursor, when there is one.
    pub next: Option<String>,
    /// A filter that names nothing (an unknown tenant or person, a malformed date).
    pub problem: Option<String>,
}
