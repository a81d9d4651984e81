//! The one place a request's `RequestContext` is put together, from what the layers left in its
//! extensions. Pages, server functions and downloads all get theirs here, so they cannot
//! disagree about the tenant or the person.

use crate::session_layer::is_https;
use crate::state::AppState;
use app::auth::Viewer;
use app::data::repos::console_sessions::SuperAdmin;
use app::model::Origin;
use app::model::support::SupportGrant;
use app::request::{RequestContext, RequestSite};
use axum::extract::ConnectInfo;
use axum::http::header;
use axum::http::request::Parts;
use std::net::SocketAddr;
use tower_sessions::Session;

pub fn of(state: &AppState, parts: &Parts) -> RequestContext {
    let extensions = &parts.extensions;
    let port = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .and_then(|host| host.rsplit_once(':'))
        .and_then(|(_, p)| p.parse::<u16>().ok())
        .filter(|p| *p != 80 && *p != 443);
    RequestContext {
        db: state.db.clone(),
        // Missing only if a route were mounted outside the resolution layer: then no tenant.
        site: extensions
            .get::<RequestSite>()
            .cloned()
            .unwrap_or(RequestSite::Platform),
        session: extensions.get::<Session>().cloned(),
        viewer: extensions.get::<Viewer>().cloned().unwrap_or_default(),
        console_admin: extensions.get::<SuperAdmin>().cloned(),
        support: extensions.get::<SupportGrant>().cloned(),
        client_ip: crate::client_address::of(
            extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip()),
            &parts.headers,
            &state.config.trusted_proxies,
        ),
        limiter: state.limiter.clone(),
        origin: Origin {
            https: is_https(state, &parts.headers),
            port,
            root_domain: state.config.root_domain.clone(),
        },
        upload_dir: state.config.upload_dir.clone(),
        resolver: state.resolver.clone(),
        mail_delivers: state.mailer.delivers(),
        payments: state.payments.clone(),
    }
}
