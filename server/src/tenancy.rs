//! Where the tenant is decided. Only the request's host and path count: a verified custom domain,
//! `<slug>.<root-domain>`, or `/<slug>/…` on the platform host. Bodies, queries and other headers
//! are never consulted. The decision is made once, in `resolve_layer`, and carried as a
//! `RequestSite` (with its `PortalMode`) to everything behind it.

use crate::console_layer::in_console;
use crate::state::AppState;
use crate::{error_pages, input_guard};
use app::data::{Db, Lookup, tenancy};
use app::model::slug::RESERVED_SLUGS;
use app::model::{PortalMode, TenantSlug};
use app::request::RequestSite;
use axum::extract::{Request, State};
use axum::http::{Uri, header};
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::Response;

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

/// `admin.<root-domain>`: the platform console's host (the label is a reserved slug, so no
/// tenant can have it).
pub const CONSOLE_LABEL: &str = "admin";

/// Why a request gets no tenant page.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Suspended,
    BadRequest,
    Unavailable,
    /// `admin.<root-domain>/`: the console's home.
    ToConsole,
}

impl Refusal {
    fn page(&self) -> Response {
        match self {
            Refusal::NotFound => error_pages::not_found(),
            Refusal::Suspended => error_pages::unavailable(),
            Refusal::BadRequest => error_pages::bad_request(),
            Refusal::Unavailable => error_pages::service_unavailable(),
            Refusal::ToConsole => axum::response::Redirect::to("/console").into_response(),
        }
    }
}

fn portal(lookup: Lookup, mode: PortalMode) -> Result<RequestSite, Refusal> {
    match lookup {
        Lookup::Active(tenant) => Ok(RequestSite::Portal { tenant, mode }),
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

/// Decides the site of a request from its host and path alone.
pub async fn resolve(
    db: &Db,
    root_domain: &str,
    host: &str,
    path: &str,
) -> Result<RequestSite, Refusal> {
    match classify_host(host, root_domain) {
        HostKind::Invalid => Err(Refusal::BadRequest),
        HostKind::Platform => match path_tenant(path) {
            None => Ok(RequestSite::Platform),
            Some(segment) => {
                let slug = TenantSlug::parse(segment).map_err(|_| Refusal::NotFound)?;
                let lookup = tenancy::by_slug(db, &slug).await.map_err(db_failed)?;
                let slug = slug.as_str().to_owned();
                portal(lookup, PortalMode::Path { slug })
            }
        },
        // The console's own host answers the console only.
        HostKind::Subdomain(label) if label == CONSOLE_LABEL => {
            if in_console(path) {
                Ok(RequestSite::Platform)
            } else if path == "/" {
                Err(Refusal::ToConsole)
            } else {
                Err(Refusal::NotFound)
            }
        }
        HostKind::Subdomain(label) => {
            let slug = TenantSlug::parse(&label).map_err(|_| Refusal::NotFound)?;
            let lookup = tenancy::by_slug(db, &slug).await.map_err(db_failed)?;
            portal(lookup, PortalMode::Subdomain)
        }
        HostKind::Custom(host) if host.is_empty() => Err(Refusal::NotFound),
        HostKind::Custom(host) => {
            let lookup = tenancy::by_domain(db, &host).await.map_err(db_failed)?;
            portal(lookup, PortalMode::CustomDomain)
        }
    }
}

/// The address the visitor asked for, before a path-mode prefix was taken off: pages are
/// rendered for it, so the browser's router sees the path the server rendered.
#[derive(Clone, Debug)]
pub struct VisitorUri(pub Uri);

fn request_host(req: &Request) -> Option<&str> {
    req.headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
}

/// `/5q/courses?x` without its `/5q`.
fn without_prefix(uri: &Uri, prefix: &str) -> Option<Uri> {
    let rest = uri.path().strip_prefix(prefix)?;
    let path = if rest.is_empty() { "/" } else { rest };
    let path_and_query = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    };
    Uri::builder().path_and_query(path_and_query).build().ok()
}

/// The resolution layer: decides the request's site, takes the `/<slug>` prefix off in path
/// mode, and puts the `RequestSite` (and the visitor's own `VisitorUri`) in the request's
/// extensions for the routes behind it. Refused requests get a plain page naming no tenant.
pub async fn resolve_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    // No page lives at an address with control characters in it; a query with them is bad.
    if input_guard::path_is_refused(req.uri().path()) {
        return error_pages::not_found();
    }
    if input_guard::query_is_refused(&req) {
        return error_pages::bad_request();
    }
    let Some(host) = request_host(&req).map(str::to_owned) else {
        return error_pages::bad_request();
    };
    let path = req.uri().path().to_owned();
    let site = match resolve(&state.db, &state.config.root_domain, &host, &path).await {
        Ok(site) => site,
        // A server function gets the error it can show (`Busy`), not an HTML page.
        Err(Refusal::Unavailable) if crate::admission::wants_json(&path, req.headers()) => {
            return crate::admission::error_json(app::error::AppError::Busy);
        }
        Err(refusal) => return refusal.page(),
    };
    let visitor = req.uri().clone();
    if let RequestSite::Portal { tenant, mode } = &site {
        tracing::Span::current().record("tenant", tenant.slug());
        if let PortalMode::Path { .. } = mode {
            match without_prefix(&visitor, &mode.prefix()) {
                Some(uri) => *req.uri_mut() = uri,
                None => return error_pages::bad_request(),
            }
        }
    }
    req.extensions_mut().insert(VisitorUri(visitor));
    req.extensions_mut().insert(site);
    next.run(req).await
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
    fn the_path_prefix_comes_off_with_the_query_kept() {
        let uri: Uri = "/5q/courses?q=x".parse().unwrap_or_default();
        assert_eq!(
            without_prefix(&uri, "/5q").map(|u| u.to_string()),
            Some("/courses?q=x".to_owned())
        );
        let bare: Uri = "/5q".parse().unwrap_or_default();
        assert_eq!(
            without_prefix(&bare, "/5q").map(|u| u.to_string()),
            Some("/".to_owned())
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
