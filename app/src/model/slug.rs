//! Slugs that appear in URLs. Parsing them up front turns malformed input into a 404, not a query.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Words a tenant may not take as its slug: they name platform routes, static paths or hosts.
/// The `tenants_slug_not_reserved` check in migrations/src/sql/0002_tenants.sql mirrors this list.
pub const RESERVED_SLUGS: &[&str] = &[
    "admin", "api", "app", "assets", "auth", "console", "health", "login", "logout", "mail", "pkg",
    "platform", "public", "signin", "signup", "static", "status", "studio", "support", "uploads",
    "www",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlugError {
    Empty,
    TooLong,
    Invalid,
    Reserved,
}

impl fmt::Display for SlugError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SlugError::Empty => "Please enter a web address name.",
            SlugError::TooLong => "That name is too long.",
            SlugError::Invalid => {
                "Use lowercase letters, digits and hyphens, starting and ending with a letter or digit."
            }
            SlugError::Reserved => "That name is reserved. Please choose another.",
        })
    }
}

/// `true` when `s` is lowercase letters, digits and inner hyphens, at most `max` characters.
fn is_slug(s: &str, max: usize) -> Result<(), SlugError> {
    if s.is_empty() {
        return Err(SlugError::Empty);
    }
    if s.len() > max {
        return Err(SlugError::TooLong);
    }
    let valid_chars = s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_chars || s.starts_with('-') || s.ends_with('-') {
        return Err(SlugError::Invalid);
    }
    Ok(())
}

/// A tenant's slug: a DNS label (it doubles as the subdomain) that is not a reserved word.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TenantSlug(String);

impl TenantSlug {
    pub fn parse(s: &str) -> Result<Self, SlugError> {
        is_slug(s, 63)?;
        if RESERVED_SLUGS.contains(&s) {
            return Err(SlugError::Reserved);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TenantSlug {
    type Error = SlugError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<TenantSlug> for String {
    fn from(s: TenantSlug) -> Self {
        s.0
    }
}

impl fmt::Display for TenantSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A course's slug, unique within its tenant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CourseSlug(String);

impl CourseSlug {
    pub fn parse(s: &str) -> Result<Self, SlugError> {
        is_slug(s, 80)?;
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CourseSlug {
    type Error = SlugError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CourseSlug> for String {
    fn from(s: CourseSlug) -> Self {
        s.0
    }
}

impl fmt::Display for CourseSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_slugs_accept_dns_labels() {
        for ok in ["5q", "movement-leaders", "a", "100-movements"] {
            assert!(TenantSlug::parse(ok).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn tenant_slugs_refuse_malformed_and_reserved() {
        assert_eq!(TenantSlug::parse(""), Err(SlugError::Empty));
        assert_eq!(TenantSlug::parse("-5q"), Err(SlugError::Invalid));
        assert_eq!(TenantSlug::parse("5q-"), Err(SlugError::Invalid));
        assert_eq!(TenantSlug::parse("Five"), Err(SlugError::Invalid));
        assert_eq!(TenantSlug::parse("a_b"), Err(SlugError::Invalid));
        assert_eq!(TenantSlug::parse("a.b"), Err(SlugError::Invalid));
        assert_eq!(TenantSlug::parse(&"a".repeat(64)), Err(SlugError::TooLong));
        for reserved in ["console", "api", "pkg", "www"] {
            assert_eq!(TenantSlug::parse(reserved), Err(SlugError::Reserved));
        }
    }

    #[test]
    fn slugs_deserialize_only_when_valid() {
        assert!(serde_json::from_str::<TenantSlug>("\"5q\"").is_ok());
        assert!(serde_json::from_str::<TenantSlug>("\"<script>\"").is_err());
        assert!(serde_json::from_str::<CourseSlug>("\"ok-course\"").is_ok());
        assert!(serde_json::from_str::<CourseSlug>("\"../etc\"").is_err());
    }
}
