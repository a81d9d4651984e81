//! One portal's session, set up around the request: the cookie is read (an ambiguous pair counts
//! as none), the session and its person are loaded in one short transaction before anything
//! else, and tower-sessions' layer saves the session once the response is ready.
//!
//! The cookie has no Domain (a subdomain never receives another portal's cookie), the portal's
//! path in path mode, and over https on a portal's own origin the `__Host-` prefix, which no
//! sibling subdomain can set.

use crate::error_pages;
use crate::state::AppState;
use app::auth::{Viewer, session};
use app::data::session_store::TenantSessionStore;
use app::model::PortalMode;
use app::request::RequestSite;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tower::{Layer, ServiceExt, service_fn};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::Id;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

pub const SESSION_COOKIE: &str = "atrium_session";
pub const HOST_SESSION_COOKIE: &str = "__Host-atrium_session";

pub fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.https
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// `__Host-` needs Secure, Path=/ and no Domain: a portal on its own origin over https.
fn cookie_name(https: bool, mode: &PortalMode) -> &'static str {
    if https && mode.own_origin() {
        HOST_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

fn cookie_pairs(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
}

/// A request carrying the session cookie twice (one tossed in with `Path=/` from a sibling path
/// or subdomain, say) is served as signed out: the server cannot tell which one is this portal's,
/// and the last one winning would let the tossed one choose who the visitor is.
pub fn drop_ambiguous_cookies(headers: &mut HeaderMap, name: &str) {
    let count = cookie_pairs(headers).filter(|(k, _)| *k == name).count();
    if count < 2 {
        return;
    }
    tracing::warn!(
        count,
        "several session cookies in one request: treated as signed out"
    );
    let kept: Vec<String> = cookie_pairs(headers)
        .filter(|(k, _)| *k != name)
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    headers.remove(header::COOKIE);
    if let Ok(value) = HeaderValue::from_str(&kept.join("; "))
        && !kept.is_empty()
    {
        headers.insert(header::COOKIE, value);
    }
}

/// Whether a session should be saved again to push its expiry back. Saving on every request
/// would cost every signed-in page a third transaction; instead a session is renewed once a
/// tenth of its idle time (at most five minutes) has passed since it was last saved, so it still
/// ends after the idle time without requests, give or take that much.
pub fn needs_renewal(expires: time::OffsetDateTime, idle: time::Duration) -> bool {
    let tenth: time::Duration = idle / 10;
    let window = tenth.min(time::Duration::minutes(5));
    expires < time::OffsetDateTime::now_utc() + idle - window
}

pub fn session_id(headers: &HeaderMap, name: &str) -> Option<Id> {
    cookie_pairs(headers)
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| v.parse().ok())
}

/// The session layer: for a portal's requests, reads the session and the viewer before the
/// handler runs and puts them in the request's extensions (`Session`, `Viewer`); the platform
/// host has no sessions yet.
pub async fn layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(RequestSite::Portal { tenant, mode }) = req.extensions().get::<RequestSite>().cloned()
    else {
        req.extensions_mut().insert(Viewer::Anonymous);
        return next.run(req).await;
    };
    let https = is_https(&state, req.headers());
    let name = cookie_name(https, &mode);
    drop_ambiguous_cookies(req.headers_mut(), name);
    let idle = tenant.session_idle();
    let idle = time::Duration::seconds(i64::try_from(idle.as_secs()).unwrap_or(i64::MAX));
    let mut store = TenantSessionStore::new(state.db.clone(), tenant.clone());
    let mut viewer = Viewer::Anonymous;
    let mut support = None;
    let mut renew = false;
    // No cookie, no database work: an anonymous visit opens no transaction for its session.
    if let Some(id) = session_id(req.headers(), name) {
        let request = format!("{} {}", req.method(), req.uri().path());
        match session::load(&state.db, &tenant, &id, &request).await {
            Ok(arrived) => {
                // A support session never outlives its grant, so it is not renewed.
                renew = arrived.support.is_none()
                    && arrived
                        .record
                        .as_ref()
                        .is_some_and(|r| needs_renewal(r.expiry_date, idle));
                store = store.with_preloaded(id, arrived.record);
                viewer = arrived.viewer;
                support = arrived.support;
            }
            Err(_) => return error_pages::service_unavailable(),
        }
    }
    if let Some(user) = viewer.user_id() {
        tracing::Span::current().record("user", tracing::field::display(user));
    }
    if let Some(grant) = support {
        tracing::Span::current().record("impersonator", tracing::field::display(grant.admin_id));
        req.extensions_mut().insert(grant);
    }
    req.extensions_mut().insert(viewer);
    let sessions = SessionManagerLayer::new(store)
        .with_name(name)
        .with_path(mode.cookie_path())
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(https)
        .with_expiry(Expiry::OnInactivity(idle));
    let inner = service_fn(move |req: Request| {
        let next = next.clone();
        async move {
            if renew && let Some(session) = req.extensions().get::<Session>() {
                session.set_expiry(Some(Expiry::OnInactivity(idle)));
            }
            Ok::<_, std::convert::Infallible>(next.run(req).await)
        }
    });
    let response = match sessions.layer(inner).oneshot(req).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    // tower-sessions answers a failed save with an empty 500; say plainly what happened.
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && !response.headers().contains_key(header::CONTENT_TYPE)
    {
        tracing::error!("the session could not be saved");
        return error_pages::service_unavailable();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookies(values: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::COOKIE, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn two_session_cookies_mean_none_and_other_cookies_stay() {
        let mut h = with_cookies(&["theme=dark; atrium_session=aaa", "atrium_session=bbb"]);
        drop_ambiguous_cookies(&mut h, SESSION_COOKIE);
        assert_eq!(session_id(&h, SESSION_COOKIE), None);
        assert_eq!(
            h.get(header::COOKIE).and_then(|v| v.to_str().ok()),
            Some("theme=dark")
        );
        let mut one = with_cookies(&["atrium_session=AAAAAAAAAAAAAAAAAAAAAA; theme=dark"]);
        drop_ambiguous_cookies(&mut one, SESSION_COOKIE);
        assert!(session_id(&one, SESSION_COOKIE).is_some());
    }

    #[test]
    fn sessions_are_renewed_once_a_tenth_of_their_idle_time_has_passed() {
        let idle = time::Duration::minutes(50);
        let now = time::OffsetDateTime::now_utc();
        assert!(!needs_renewal(now + idle, idle), "just saved");
        assert!(!needs_renewal(
            now + idle - time::Duration::minutes(4),
            idle
        ));
        assert!(needs_renewal(now + idle - time::Duration::minutes(6), idle));
        let week = time::Duration::days(7);
        assert!(needs_renewal(now + week - time::Duration::minutes(6), week));
    }

    #[test]
    fn own_origins_over_https_get_the_host_prefix() {
        let path = PortalMode::Path { slug: "5q".into() };
        assert_eq!(
            cookie_name(true, &PortalMode::Subdomain),
            "__Host-atrium_session"
        );
        assert_eq!(
            cookie_name(true, &PortalMode::CustomDomain),
            "__Host-atrium_session"
        );
        assert_eq!(cookie_name(true, &path), "atrium_session");
        assert_eq!(cookie_name(false, &PortalMode::Subdomain), "atrium_session");
    }
}
