//! Both sides of the wire: the console's "New tenant" form and the checks it passes before any
//! database work (the slug's format, colours, addresses, the reason).

use super::branding::{ContrastVerdict, contrast_verdict};
use super::slug::SlugError;
use super::{Features, FormError, HexColor, TenantSlug, Tier};
use serde::{Deserialize, Serialize};

/// The console's "New tenant" form, as typed. Unticked boxes are not sent at all, hence the
/// defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewTenantForm {
    pub name: String,
    pub slug: String,
    pub tier: String,
    pub courses: bool,
    pub assessments: bool,
    pub community: bool,
    pub ecommerce: bool,
    pub primary: String,
    pub secondary: String,
    pub accent: String,
    pub owner_email: String,
    /// Optional custom domain.
    pub domain: String,
    /// Why the super admin is doing this (kept in the audit trail).
    pub reason: String,
}

/// A `NewTenantForm` that passed every check that needs no database.
#[derive(Debug, Clone)]
pub struct ValidTenant {
    pub name: String,
    pub slug: TenantSlug,
    pub tier: Tier,
    pub features: Features,
    pub primary: HexColor,
    pub secondary: HexColor,
    pub accent: HexColor,
    pub owner_email: String,
    pub domain: Option<String>,
    pub reason: String,
}

/// What a slug may not be, as the form explains it.
pub fn slug_problem(slug: &str) -> Option<FormError> {
    match TenantSlug::parse(slug.trim()) {
        Ok(_) => None,
        Err(SlugError::Reserved) => Some(FormError::SlugReserved),
        Err(_) => Some(FormError::SlugInvalid),
    }
}

/// A host name a custom domain may have: lower-case DNS labels with a dot, as the database checks.
pub fn domain_is_valid(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    host.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase()))
}

/// An organisation's name: 1 to 120 characters once trimmed.
pub fn checked_name(name: &str) -> Result<String, FormError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        Err(FormError::NameRequired)
    } else {
        Ok(name.to_owned())
    }
}

/// The three brand colours; the primary must read as text on the page (at least 3:1).
pub fn checked_colours(
    primary: &str,
    secondary: &str,
    accent: &str,
) -> Result<(HexColor, HexColor, HexColor), FormError> {
    let colour = |s: &str| HexColor::parse(s.trim()).map_err(|_| FormError::ColourInvalid);
    let (primary, secondary, accent) = (colour(primary)?, colour(secondary)?, colour(accent)?);
    if contrast_verdict(&primary) == ContrastVerdict::Unreadable {
        return Err(FormError::ColourUnreadable);
    }
    Ok((primary, secondary, accent))
}

/// Why a super admin does something: 1 to 500 characters, kept in the audit trail.
pub fn checked_reason(reason: &str) -> Result<String, FormError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        Err(FormError::ReasonRequired)
    } else {
        Ok(reason.to_owned())
    }
}

impl NewTenantForm {
    pub fn validate(&self) -> Result<ValidTenant, FormError> {
        let name = checked_name(&self.name)?;
        if let Some(problem) = slug_problem(&self.slug) {
            return Err(problem);
        }
        let slug = TenantSlug::parse(self.slug.trim()).map_err(|_| FormError::SlugInvalid)?;
        let tier = Tier::parse(self.tier.trim()).unwrap_or(Tier::Basic);
        let (primary, secondary, accent) =
            checked_colours(&self.primary, &self.secondary, &self.accent)?;
        let owner_email = self.owner_email.trim().to_owned();
        if !crate::model::auth::email_is_valid(&owner_email) {
            return Err(FormError::EmailInvalid);
        }
        let domain = self
            .domain
            .trim()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let domain = (!domain.is_empty()).then_some(domain);
        if domain.as_deref().is_some_and(|d| !domain_is_valid(d)) {
            return Err(FormError::DomainInvalid);
        }
        let reason = checked_reason(&self.reason)?;
        Ok(ValidTenant {
            name,
            slug,
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
            owner_email,
            domain,
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_tenant_form_explains_what_is_wrong() {
        let good = NewTenantForm {
            name: "Acme Learning".into(),
            slug: "acme".into(),
            tier: "premium".into(),
            courses: true,
            primary: "#1D4A38".into(),
            secondary: "#475569".into(),
            accent: "#B2613E".into(),
            owner_email: "boss@acme.example".into(),
            domain: "Learn.Acme.Example.".into(),
            reason: "Contract 42".into(),
            ..Default::default()
        };
        let valid = good.validate().unwrap();
        assert_eq!(valid.domain.as_deref(), Some("learn.acme.example"));
        assert_eq!(valid.tier, Tier::Premium);
        let with = |f: fn(&mut NewTenantForm)| {
            let mut form = good.clone();
            f(&mut form);
            form.validate().err()
        };
        assert_eq!(
            with(|f| f.slug = "console".into()),
            Some(FormError::SlugReserved)
        );
        assert_eq!(
            with(|f| f.slug = "Bad Slug".into()),
            Some(FormError::SlugInvalid)
        );
        assert_eq!(with(|f| f.name = " ".into()), Some(FormError::NameRequired));
        assert_eq!(
            with(|f| f.primary = "#FDE047".into()),
            Some(FormError::ColourUnreadable)
        );
        assert_eq!(
            with(|f| f.accent = "red".into()),
            Some(FormError::ColourInvalid)
        );
        assert_eq!(
            with(|f| f.owner_email = "nobody".into()),
            Some(FormError::EmailInvalid)
        );
        assert_eq!(
            with(|f| f.domain = "localhost".into()),
            Some(FormError::DomainInvalid)
        );
        assert_eq!(
            with(|f| f.domain = "a_b.example".into()),
            Some(FormError::DomainInvalid)
        );
        assert_eq!(
            with(|f| f.reason = "".into()),
            Some(FormError::ReasonRequired)
        );
    }
}
