//! The HTTP surface, as an ordinary axum `Router`. Static files, `/health` (liveness) and
//! `/ready` (database and schema) answer on any host. Everything else passes two layers, then one route:
//!
//! 1. `tenancy::resolve_layer` decides the site from host and path (a refusal is a plain page),
//!    takes the `/<slug>` prefix off in path mode and puts the `RequestSite` in the extensions;
//! 2. `session_layer::layer` loads a portal's session and viewer once, before any handler;
//!    `console_layer::layer` does the same for the console, and 404s anyone but a super admin;
//! 3. a route: server functions, uploaded media, the payment provider's signed events, the
//!    learners CSV, a console export, or a rendered page.
//!
//! Adding an area (the console, tenant administration) is adding routes here.

mod certificates;
mod context;
mod downloads;
mod export;
mod media;
mod pages;
mod payment_events;
mod render;
mod server_fns;

use crate::state::AppState;
use crate::{admission, console_layer, error_pages, session_layer, telemetry, tenancy, usage};
use axum::Router;
use axum::extract::State;
use axum::http::HeaderName;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use tower::Layer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(state: AppState) -> Router {
    // Leptos spawns rendering tasks on the global executor; a second call is a harmless no-op.
    let _ = any_spawner::Executor::init_tokio();
    let site = Router::new()
        .route(
            "/api/{*function}",
            any(server_fns::call).layer(from_fn(server_fns::same_origin_only)),
        )
        .route(
            "/console/api/{*function}",
            any(server_fns::call).layer(from_fn(server_fns::same_origin_only)),
        )
        .route(
            "/console/tenants/{slug}/export",
            post(export::tenant_export)
                .layer(from_fn(server_fns::same_origin_only))
                .fallback(not_allowed),
        )
        .route("/media/{name}", get(media::serve).fallback(not_allowed))
        .route(
            "/certificates/{code}/pdf",
            get(certificates::pdf).fallback(not_allowed),
        )
        .route(
            "/payments/events",
            post(payment_events::receive)
                .layer(axum::extract::DefaultBodyLimit::max(64 * 1024))
                .fallback(not_allowed),
        )
        .route(
            "/studio/courses/{id}/learners.csv",
            get(downloads::learners_csv).fallback(not_allowed),
        )
        .route(
            "/admin/audit.csv",
            get(downloads::audit_csv).fallback(not_allowed),
        )
        .route(
            "/admin/analytics/{chart}",
            get(downloads::analytics_csv).fallback(not_allowed),
        )
        .fallback(pages::render)
        .layer(from_fn_with_state(state.clone(), session_layer::layer))
        .layer(from_fn_with_state(state.clone(), console_layer::layer))
        // Before the session is loaded: a refused request costs no database work.
        .layer(from_fn_with_state(state.clone(), admission::layer))
        // Counts every request of a site, refused ones included (Prometheus and tenant usage).
        .layer(from_fn_with_state(state.clone(), usage::layer))
        .with_state(state.clone());
    let resolved = from_fn_with_state(state.clone(), tenancy::resolve_layer).layer(site);
    static_files(&state)
        .route("/health", get(health))
        .route("/ready", get(ready))
        .fallback_service(resolved)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // A bug must cost one request a plain error page, not the connection.
        .layer(CatchPanicLayer::custom(|_| error_pages::internal_error()))
        .layer(telemetry::layer())
        // Outermost: every request has its id before its log span is made, and every response
        // carries it back.
        .layer(PropagateRequestIdLayer::new(HeaderName::from_static(
            telemetry::REQUEST_ID,
        )))
        .layer(SetRequestIdLayer::new(
            HeaderName::from_static(telemetry::REQUEST_ID),
            MakeRequestUuid,
        ))
        .with_state(state)
}

/// The build's files, on every host, precompressed (brotli or gzip, as the browser accepts, when
/// the release build made them). Their names carry a hash of their content when `hash-files` is
/// on, so browsers keep them for a year; otherwise for five minutes.
fn static_files(state: &AppState) -> Router<AppState> {
    let site_root = state.leptos.site_root.to_string();
    // Pages made outside Leptos (error pages) link the same stylesheet.
    let _ = app::assets::stylesheet(&state.leptos);
    let lifetime = if state.leptos.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(format!("{site_root}/pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static(lifetime),
        ));
    Router::new()
        .nest("/pkg", pkg)
        .nest_service("/assets", ServeDir::new(format!("{site_root}/assets")))
        .route_service(
            "/favicon.svg",
            ServeFile::new(format!("{site_root}/favicon.svg")),
        )
        .route_service(
            "/robots.txt",
            ServeFile::new(format!("{site_root}/robots.txt")),
        )
}

async fn not_allowed() -> Response {
    error_pages::method_not_allowed()
}

/// Liveness: the process answers. No database, so an orchestrator does not restart instances
/// because the database is down (they recover by themselves when it is back).
async fn health() -> Response {
    (StatusCode::OK, "ok").into_response()
}

/// Readiness, for load balancers: the database answers, and its schema is the one this build
/// migrated to (an instance left behind by a newer one's migrations is taken out of rotation).
async fn ready(State(state): State<AppState>) -> Response {
    let expected = crate::database::latest_known_migration();
    match state.db.latest_migration().await {
        Ok(Some(latest)) if latest == expected => {
            // Without Redis an instance still serves, with limits of its own: ready, and says so.
            let limits = match state.admission.shared_limits() {
                None => "ready",
                Some(true) => "ready; limits shared through Redis",
                Some(false) => "ready; Redis unreachable, limits per instance for now",
            };
            (StatusCode::OK, limits).into_response()
        }
        Ok(latest) => {
            tracing::error!(
                ?latest,
                expected,
                "not ready: the schema is not this build's"
            );
            (StatusCode::SERVICE_UNAVAILABLE, "schema not current").into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "not ready: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
