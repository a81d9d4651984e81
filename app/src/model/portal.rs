//! How a visitor reached a tenant's portal. Decided once per request by tenant resolution on the
//! server (server/src/tenancy.rs) and carried to the browser inside `TenantSite`; every link,
//! cookie path, redirect and cross-portal address is built here, from it. Both sides of the wire.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum PortalMode {
    /// `/<slug>/…` on the platform host: every portal shares the platform's origin.
    Path { slug: String },
    /// `<slug>.<root domain>`: the portal has its own origin.
    Subdomain,
    /// A verified custom domain: the portal has its own origin.
    CustomDomain,
}

/// How the browser reached the server, for absolute addresses of other portals (server side).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub https: bool,
    /// The request's port when it was not the scheme's default.
    pub port: Option<u16>,
    pub root_domain: String,
}

impl Origin {
    /// The address of `path` on `host` (the root domain or one of its subdomains), with this
    /// request's scheme and port.
    pub fn url(&self, host: &str, path: &str) -> String {
        let scheme = if self.https { "https" } else { "http" };
        let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
        format!("{scheme}://{host}{port}{path}")
    }

    /// The address of `path` on the platform host itself.
    pub fn platform_url(&self, path: &str) -> String {
        self.url(&self.root_domain, path)
    }
}

impl PortalMode {
    /// An absolute path inside this portal: `/courses` is `/<slug>/courses` in path mode.
    pub fn href(&self, path: &str) -> String {
        let path = path.trim_start_matches('/');
        match (self, path.is_empty()) {
            (PortalMode::Path { slug }, true) => format!("/{slug}"),
            (PortalMode::Path { slug }, false) => format!("/{slug}/{path}"),
            (_, true) => "/".to_owned(),
            (_, false) => format!("/{path}"),
        }
    }

    /// What the router and the server-function client put before every path: `/<slug>` in path
    /// mode, nothing otherwise.
    pub fn prefix(&self) -> String {
        match self {
            PortalMode::Path { slug } => format!("/{slug}"),
            _ => String::new(),
        }
    }

    /// The session cookie's `Path`: the portal's own prefix, or the whole origin.
    pub fn cookie_path(&self) -> String {
        self.href("/")
    }

    /// Whether the portal has an origin of its own (no other portal's pages share it).
    pub fn own_origin(&self) -> bool {
        !matches!(self, PortalMode::Path { .. })
    }

    /// Whether `path` (of a page on this origin) belongs to this portal. In path mode portals
    /// share an origin, so a same-origin request may still come from another portal's page.
    pub fn owns_path(&self, path: &str) -> bool {
        match self {
            PortalMode::Path { slug } => path
                .strip_prefix('/')
                .and_then(|p| p.strip_prefix(slug.as_str()))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#'])),
            _ => true,
        }
    }

    /// The absolute address of `path` in this portal (`slug`), for links that leave the browser
    /// (mail). A custom domain's links use the portal's subdomain, which always works.
    pub fn absolute(&self, slug: &str, path: &str, origin: &Origin) -> String {
        match self {
            PortalMode::Path { .. } => origin.platform_url(&self.href(path)),
            _ => origin.url(
                &format!("{slug}.{}", origin.root_domain),
                &PortalMode::Subdomain.href(path),
            ),
        }
    }

    /// The address of `path` in another portal (`slug`) of this platform, reached the way this
    /// one was: by path on the same origin, or on the other portal's subdomain (a custom domain
    /// belongs to one portal only, so its visitors go to the subdomain).
    pub fn other_portal(&self, slug: &str, path: &str, origin: &Origin) -> String {
        match self {
            PortalMode::Path { .. } => PortalMode::Path {
                slug: slug.to_owned(),
            }
            .href(path),
            _ => origin.url(
                &format!("{slug}.{}", origin.root_domain),
                &PortalMode::Subdomain.href(path),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(slug: &str) -> PortalMode {
        PortalMode::Path { slug: slug.into() }
    }

    #[test]
    fn links_follow_the_mode() {
        assert_eq!(path("5q").href("/courses"), "/5q/courses");
        assert_eq!(path("5q").href("/"), "/5q");
        assert_eq!(path("5q").href(""), "/5q");
        assert_eq!(PortalMode::Subdomain.href("/courses"), "/courses");
        assert_eq!(PortalMode::CustomDomain.href(""), "/");
        assert_eq!(path("5q").prefix(), "/5q");
        assert_eq!(PortalMode::Subdomain.prefix(), "");
        assert_eq!(path("5q").cookie_path(), "/5q");
        assert_eq!(PortalMode::CustomDomain.cookie_path(), "/");
    }

    #[test]
    fn a_path_portal_owns_only_its_own_pages() {
        assert!(path("5q").owns_path("/5q"));
        assert!(path("5q").owns_path("/5q/courses"));
        assert!(path("5q").owns_path("/5q?x=1"));
        assert!(!path("5q").owns_path("/5qx/courses"));
        assert!(!path("5q").owns_path("/movement-leaders/x"));
        assert!(PortalMode::Subdomain.owns_path("/anything"));
    }

    #[test]
    fn other_portals_are_reached_the_same_way() {
        let origin = Origin {
            https: false,
            port: Some(3000),
            root_domain: "localhost".into(),
        };
        assert_eq!(
            path("5q").other_portal("forge", "/auth/handoff?token=x", &origin),
            "/forge/auth/handoff?token=x"
        );
        assert_eq!(
            PortalMode::Subdomain.other_portal("forge", "/auth/handoff?token=x", &origin),
            "http://forge.localhost:3000/auth/handoff?token=x"
        );
        let tls = Origin {
            https: true,
            port: None,
            root_domain: "atrium.example".into(),
        };
        assert_eq!(
            PortalMode::CustomDomain.other_portal("forge", "/", &tls),
            "https://forge.atrium.example/"
        );
    }
}
