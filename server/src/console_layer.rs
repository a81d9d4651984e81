//! The platform console's gate and session. Under `/console` on the platform host (or
//! `admin.<root-domain>`), the console cookie is read, its session and super admin are loaded in
//! one short platform transaction, and then:
//! - a super admin goes on, with `SuperAdmin` in the request's extensions;
//! - anyone else gets the same 404 as an unknown page, except on the sign-in page and its form.
//!
//! The cookie is `atrium_console`, Path `/console`, HttpOnly, SameSite=Lax, Secure over https and
//! host-only, so no portal (by path or by subdomain) is ever sent it.

use crate::error_pages;
use crate::session_layer::{drop_ambiguous_cookies, is_https, needs_renewal, session_id};
use crate::state::AppState;
use app::api::console::ConsoleSignIn;
use app::data::console_session_store::{ConsoleSessionStore, load_with_admin};
use app::request::RequestSite;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use server_fn::ServerFn;
use tower::{Layer, ServiceExt, service_fn};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};

pub const CONSOLE_COOKIE: &str = "atrium_console";
const SIGN_IN_PAGE: &str = "/console/signin";

/// A console session ends after 30 minutes without a request.
fn idle() -> time::Duration {
    time::Duration::minutes(30)
}

pub fn in_console(path: &str) -> bool {
    path == "/console" || path.starts_with("/console/")
}

/// The only console addresses that answer someone who is not signed in.
fn open_to_anyone(path: &str) -> bool {
    path == SIGN_IN_PAGE || path == ConsoleSignIn::PATH
}

pub async fn layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let platform = matches!(
        req.extensions().get::<RequestSite>(),
        Some(RequestSite::Platform)
    );
    let path = req.uri().path().to_owned();
    if !platform || !in_console(&path) {
        return next.run(req).await;
    }
    drop_ambiguous_cookies(req.headers_mut(), CONSOLE_COOKIE);
    let mut store = ConsoleSessionStore::new(state.db.clone());
    let mut admin = None;
    let mut renew = false;
    if let Some(id) = session_id(req.headers(), CONSOLE_COOKIE) {
        match load_with_admin(&state.db, &id).await {
            Ok(loaded) => {
                renew = loaded
                    .record
                    .as_ref()
                    .is_some_and(|r| needs_renewal(r.expiry_date, idle()));
                store = store.with_preloaded(id, loaded.record);
                admin = loaded.admin;
            }
            Err(e) => {
                tracing::error!(error = %e, "console session could not be read");
                return error_pages::service_unavailable();
            }
        }
    }
    match &admin {
        Some(admin) if path == SIGN_IN_PAGE => {
            tracing::debug!(admin = %admin.id, "already signed in to the console");
            return Redirect::to("/console").into_response();
        }
        Some(admin) => {
            tracing::Span::current().record("user", tracing::field::display(admin.id));
            req.extensions_mut().insert(admin.clone());
        }
        None if open_to_anyone(&path) => {}
        None => return error_pages::not_found(),
    }
    let sessions = SessionManagerLayer::new(store)
        .with_name(CONSOLE_COOKIE)
        .with_path("/console")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(is_https(&state, req.headers()))
        .with_expiry(Expiry::OnInactivity(idle()));
    let inner = service_fn(move |req: Request| {
        let next = next.clone();
        async move {
            if renew && let Some(session) = req.extensions().get::<Session>() {
                session.set_expiry(Some(Expiry::OnInactivity(idle())));
            }
            Ok::<_, std::convert::Infallible>(next.run(req).await)
        }
    });
    match sessions.layer(inner).oneshot(req).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_console_paths_are_the_consoles_and_only_sign_in_is_open() {
        assert!(in_console("/console"));
        assert!(in_console("/console/api/tenants"));
        assert!(!in_console("/consoles"));
        assert!(!in_console("/5q/console"));
        assert!(open_to_anyone("/console/signin"));
        assert!(open_to_anyone(ConsoleSignIn::PATH));
        assert!(!open_to_anyone("/console"));
        assert!(!open_to_anyone("/console/api/tenants"));
    }
}
