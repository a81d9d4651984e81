//! What the browser is looking at: the platform itself or one tenant's portal, and how the visitor
//! reached it. The server decides this from the host and path; the browser only reads it.

use super::{Branding, Features};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Basic,
    Premium,
    Enterprise,
}

impl Tier {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "basic" => Some(Tier::Basic),
            "premium" => Some(Tier::Premium),
            "enterprise" => Some(Tier::Enterprise),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Basic => "basic",
            Tier::Premium => "premium",
            Tier::Enterprise => "enterprise",
        }
    }
}

/// The public face of a tenant, as its portal needs it. Carries no ids or settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantSite {
    pub slug: String,
    pub name: String,
    pub tier: Tier,
    pub branding: Branding,
    pub features: Features,
    /// Path prefix of every tenant URL: `/<slug>` when reached by path, empty when reached by
    /// subdomain or custom domain. The router and the server-function client both use it, so
    /// links and calls stay in the mode the visitor arrived in.
    pub base: String,
}

impl TenantSite {
    /// An absolute path inside this portal, in the visitor's mode.
    pub fn href(&self, path: &str) -> String {
        let path = path.trim_start_matches('/');
        if path.is_empty() {
            if self.base.is_empty() {
                "/".to_owned()
            } else {
                self.base.clone()
            }
        } else {
            format!("{}/{}", self.base, path)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Site {
    /// The platform host itself: landing page (and, later, the console).
    Platform,
    Tenant(TenantSite),
}

impl Site {
    /// The site as JSON that is safe inside an HTML `<script>` element.
    pub fn to_script_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "{\"kind\":\"platform\"}".to_owned())
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str) -> TenantSite {
        TenantSite {
            slug: "5q".into(),
            name: "5Q </script><script>alert(1)</script>".into(),
            tier: Tier::Premium,
            branding: Branding::default(),
            features: Features::default(),
            base: base.into(),
        }
    }

    #[test]
    fn href_follows_the_visitors_mode() {
        assert_eq!(site("/5q").href("/courses"), "/5q/courses");
        assert_eq!(site("/5q").href("/"), "/5q");
        assert_eq!(site("").href("/courses"), "/courses");
        assert_eq!(site("").href(""), "/");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let json = Site::Tenant(site("/5q")).to_script_json();
        assert!(!json.contains("</script"));
        let back: Site = serde_json::from_str(&json).unwrap_or(Site::Platform);
        assert_eq!(back, Site::Tenant(site("/5q")));
    }
}
