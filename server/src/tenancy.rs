//! Where the tenant is decided. Only the request's host and path count: a verified custom domain,
//! `<slug>.<root-domain>`, or `/<slug>/…` on the platform host. Bodies, queries and other headers
//! are never consulted.

use app::data::{Db, Lookup, tenancy};
use app::model::TenantSlug;
use app::model::slug::RESERVED_SLUGS;
use app::request::ServerSite;

/// What the host alone says.
#[derive(Debug, PartialEq, Eq)]
pub enum HostKind {
    /// The platform host: tenants appear as `/<slug>/…`.
    Platform,
    /// `<label>.<root-domain>`.
    Subdomain(String),
    /// Anything else: only a verified custom domain answers.
    Custom(String),
    /// Not a host name at all.
    Invalid,
}

/// Lower-cases the Host value and strips its port and any trailing dot.
pub fn normalize_host(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let host = if let Some(rest) = raw.strip_prefix('[') {
        // IPv6 literal: keep the brackets, drop the port.
        let end = rest.find(']')?;
        &raw[..end + 2]
    } else {
        raw.rsplit_once(':').map_or(raw, |(h, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                h
            } else {
                raw
            }
        })
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b));
    valid.then_some(host)
}

pub fn classify_host(raw: &str, root_domain: &str) -> HostKind {
    let Some(host) = normalize_host(raw) else {
        return HostKind::Invalid;
    };
    let loopback = root_domain == "localhost" && matches!(host.as_str(), "127.0.0.1" | "[::1]");
    if host == root_domain || host == format!("www.{root_domain}") || loopback {
        return HostKind::Platform;
    }
    match host
        .strip_suffix(root_domain)
        .and_then(|h| h.strip_suffix('.'))
    {
        Some(label) if !label.contains('.') => HostKind::Subdomain(label.to_owned()),
        // Deeper names under the root domain are nobody's.
        Some(_) => HostKind::Custom(String::new()),
        None => HostKind::Custom(host),
    }
}

/// Why a request gets no tenant page.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Suspended,
    BadRequest,
    Unavailable,
}

/// The decision for one request.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub site: ServerSite,
    /// Path prefix to strip before routing: `/<slug>` in path mode, else empty.
    pub base: String,
}

fn from_lookup(lookup: Lookup, base: String) -> Result<Resolved, Refusal> {
    match lookup {
        Lookup::Active(tenant) => Ok(Resolved {
            site: ServerSite::Tenant {
                tenant,
                base: base.clone(),
            },
            base,
        }),
        Lookup::Suspended => Err(Refusal::Suspended),
        Lookup::NotFound => Err(Refusal::NotFound),
    }
}

fn db_failed(e: sea_orm::DbErr) -> Refusal {
    tracing::error!(error = %e, "tenant lookup failed");
    Refusal::Unavailable
}

/// The first path segment when it names a tenant in path mode; `None` for platform paths.
fn path_tenant(path: &str) -> Option<&str> {
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    (!first.is_empty() && !RESERVED_SLUGS.contains(&first)).then_some(first)
}

pub async fn resolve(
    db: &Db,
    root_domain: &str,
    host: &str,
    path: &str,
) -> Result<Resolved, Refusal> {
    match classify_host(host, root_domain) {
        HostKind::Invalid => Err(Refusal::BadRequest),
        HostKind::Platform => match path_tenant(path) {
            None => Ok(Resolved {
                site: ServerSite::Platform,
                base: String::new(),
            }),
            Some(segment) => {
                let slug = TenantSlug::parse(segment).map_err(|_| Refusal::NotFound)?;
                let lookup = tenancy::by_slug(db, &slug).await.map_err(db_failed)?;
                from_lookup(lookup, format!("/{slug}"))
            }
        },
        HostKind::Subdomain(label) => {
            let slug = TenantSlug::parse(&label).map_err(|_| Refusal::NotFound)?;
            let lookup = tenancy::by_slug(db, &slug).await.map_err(db_failed)?;
            from_lookup(lookup, String::new())
        }
        HostKind::Custom(host) if host.is_empty() => Err(Refusal::NotFound),
        HostKind::Custom(host) => {
            let lookup = tenancy::by_domain(db, &host).await.map_err(db_failed)?;
            from_lookup(lookup, String::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_classified() {
        let root = "localhost";
        assert_eq!(classify_host("localhost:3000", root), HostKind::Platform);
        assert_eq!(classify_host("LOCALHOST", root), HostKind::Platform);
        assert_eq!(classify_host("127.0.0.1:3000", root), HostKind::Platform);
        assert_eq!(classify_host("[::1]:3000", root), HostKind::Platform);
        assert_eq!(
            classify_host("5q.localhost:3000", root),
            HostKind::Subdomain("5q".into())
        );
        assert_eq!(
            classify_host("5Q.localhost.", root),
            HostKind::Subdomain("5q".into())
        );
        assert_eq!(
            classify_host("a.b.localhost", root),
            HostKind::Custom(String::new())
        );
        assert_eq!(
            classify_host("learn.5q.example", root),
            HostKind::Custom("learn.5q.example".into())
        );
        assert_eq!(classify_host("evil.com/<script>", root), HostKind::Invalid);
        assert_eq!(classify_host("", root), HostKind::Invalid);
    }

    #[test]
    fn custom_root_domains_work() {
        let root = "atrium.example";
        assert_eq!(classify_host("atrium.example", root), HostKind::Platform);
        assert_eq!(
            classify_host("www.atrium.example", root),
            HostKind::Platform
        );
        assert_eq!(
            classify_host("forge.atrium.example", root),
            HostKind::Subdomain("forge".into())
        );
        assert_eq!(
            classify_host("localhost", root),
            HostKind::Custom("localhost".into())
        );
        // A look-alike suffix is not a subdomain.
        assert_eq!(
            classify_host("evilatrium.example", root),
            HostKind::Custom("evilatrium.example".into())
        );
    }

    #[test]
    fn path_mode_skips_platform_paths() {
        assert_eq!(path_tenant("/"), None);
        assert_eq!(path_tenant(""), None);
        assert_eq!(path_tenant("/api/x"), None);
        assert_eq!(path_tenant("/console"), None);
        assert_eq!(path_tenant("/5q"), Some("5q"));
        assert_eq!(path_tenant("/5q/courses/x"), Some("5q"));
    }
}
