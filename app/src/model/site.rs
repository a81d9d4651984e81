//! What the browser is looking at: the platform itself or one tenant's portal, and how the visitor
//! reached it. The server decides this from the host and path; the browser only reads it.

use super::{Branding, Features, PortalMode};
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

/// Both sides of the wire: the public face of a tenant, as its portal's pages need it, and how
/// the visitor reached it. Carries no ids or settings. (On the server, `request::RequestSite`
/// holds it together with the resolved tenant.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantSite {
    pub slug: String,
    pub name: String,
    pub tier: Tier,
    pub branding: Branding,
    /// The line under the portal's name on its home page, if the admins wrote one.
    pub tagline: Option<String>,
    pub features: Features,
    /// How the visitor arrived; the router, the server-function client and every link use it,
    /// so links and calls stay in that mode.
    pub mode: PortalMode,
}

impl TenantSite {
    /// An absolute path inside this portal, in the visitor's mode.
    pub fn href(&self, path: &str) -> String {
        self.mode.href(path)
    }
}

/// Both sides of the wire: what the browser is looking at, written into the page by the server
/// and read back by the browser before it hydrates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Site {
    /// The platform host itself: landing page (and, later, the console).
    Platform,
    /// Boxed: the page's site is made once per request, and this keeps `Site` small.
    Tenant(Box<TenantSite>),
}

impl Site {
    /// What the browser needs of the site, as JSON that is safe inside an HTML `<script>`
    /// element: how the visitor reached the portal (`null` on the platform), so islands build
    /// links and calls in that mode. Names, branding and features are in the HTML already.
    pub fn to_script_json(&self) -> String {
        let mode = match self {
            Site::Platform => None,
            Site::Tenant(tenant) => Some(&tenant.mode),
        };
        serde_json::to_string(&mode)
            .unwrap_or_else(|_| "null".to_owned())
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(mode: PortalMode) -> TenantSite {
        TenantSite {
            slug: "5q".into(),
            name: "5Q </script><script>alert(1)</script>".into(),
            tier: Tier::Premium,
            branding: Branding::default(),
            tagline: None,
            features: Features::default(),
            mode,
        }
    }

    #[test]
    fn href_follows_the_visitors_mode() {
        let by_path = site(PortalMode::Path { slug: "5q".into() });
        assert_eq!(by_path.href("/courses"), "/5q/courses");
        assert_eq!(by_path.href("/"), "/5q");
        assert_eq!(site(PortalMode::Subdomain).href("/courses"), "/courses");
        assert_eq!(site(PortalMode::CustomDomain).href(""), "/");
    }

    #[test]
    fn script_json_carries_the_mode_and_cannot_close_the_script_element() {
        let mode = PortalMode::Path {
            slug: "5q</script><script>alert(1)</script>".into(),
        };
        let json = Site::Tenant(Box::new(site(mode.clone()))).to_script_json();
        assert!(!json.contains("</script"), "{json}");
        assert!(!json.contains("alert(1)</"), "{json}");
        let back: Option<PortalMode> = serde_json::from_str(&json).unwrap_or(None);
        assert_eq!(back, Some(mode));
        assert_eq!(Site::Platform.to_script_json(), "null");
    }
}
