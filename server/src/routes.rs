//! The HTTP surface: static files, health, and one dispatcher that resolves the tenant and then
//! serves either a server-function call or a rendered page with the same request context.

use crate::error_pages;
use crate::input_guard;
use crate::portal;
use crate::session_layer;
use crate::state::AppState;
use crate::telemetry;
use crate::tenancy::{self, Refusal, Resolved};
use app::auth::Viewer;
use app::error::AppError;
use app::model::{Site, TenantSlug};
use app::request::{Origin, RequestContext, ServerSite, provide_request_context};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use std::net::SocketAddr;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::Session;

pub fn router(state: AppState) -> Router {
    // Leptos spawns rendering tasks on the global executor; a second call is a harmless no-op.
    let _ = any_spawner::Executor::init_tokio();
    let site_root = state.leptos.site_root.to_string();
    let pkg = Router::new()
        .fallback_service(ServeDir::new(format!("{site_root}/pkg")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        ));
    Router::new()
        .route("/health", get(health))
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
        .fallback(dispatch)
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
        .with_state(state)
}

/// Liveness and database reachability, for load balancers and the test harness.
async fn health(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

fn request_host(req: &Request) -> Option<&str> {
    req.headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))
}

async fn dispatch(State(state): State<AppState>, req: Request) -> Response {
    let Some(host) = request_host(&req).map(str::to_owned) else {
        return error_pages::bad_request();
    };
    // No page lives at an address with control characters in it; a query with them is bad.
    if input_guard::path_is_refused(req.uri().path()) {
        return error_pages::not_found();
    }
    if input_guard::query_is_refused(&req) {
        return error_pages::bad_request();
    }
    let path = req.uri().path().to_owned();
    let resolved = match tenancy::resolve(&state.db, &state.config.root_domain, &host, &path).await
    {
        Ok(resolved) => resolved,
        Err(Refusal::NotFound) => return error_pages::not_found(),
        Err(Refusal::Suspended) => return error_pages::unavailable(),
        Err(Refusal::BadRequest) => return error_pages::bad_request(),
        Err(Refusal::Unavailable) => return error_pages::service_unavailable(),
    };
    match resolved.site.clone() {
        ServerSite::Platform => {
            let who = Who {
                session: None,
                viewer: Viewer::Anonymous,
            };
            serve(state, resolved, host, who, req).await
        }
        ServerSite::Tenant { tenant, .. } => {
            tracing::Span::current().record("tenant", tenant.slug());
            let (st, res) = (state.clone(), resolved.clone());
            session_layer::with_session(
                &state,
                &tenant,
                &resolved,
                req,
                move |req, session, viewer| async move {
                    let who = Who {
                        session: Some(session),
                        viewer,
                    };
                    serve(st, res, host, who, req).await
                },
            )
            .await
        }
    }
}

/// The session (tenant requests only) and the person behind the request, loaded before routing.
#[derive(Clone)]
struct Who {
    session: Option<Session>,
    viewer: Viewer,
}

/// Routes a resolved request: server function, media, download, or page.
async fn serve(
    state: AppState,
    resolved: Resolved,
    host: String,
    who: Who,
    req: Request,
) -> Response {
    let path = req.uri().path().to_owned();
    let rest = &path[resolved.base.len()..];
    if rest.starts_with("/api/") {
        if !portal::is_same_origin(req.headers(), &host)
            || !portal::is_from_this_portal(req.headers(), &resolved.base)
        {
            return portal::cross_site_refused();
        }
        let req = match input_guard::check_call(req).await {
            Ok(req) => req,
            Err(refused) => return refused,
        };
        return server_fn(state, resolved, host, who, req).await;
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return error_pages::method_not_allowed();
    }
    if let ServerSite::Tenant { tenant, .. } = &resolved.site {
        if let Some(name) = rest.strip_prefix("/media/") {
            return portal::media(&state, tenant, name).await;
        }
        if let Some(course) = rest
            .strip_prefix("/studio/courses/")
            .and_then(|r| r.strip_suffix("/learners.csv"))
        {
            let ctx = context(&state, &resolved, &host, who, &req);
            return portal::learners_csv(ctx, course).await;
        }
    }
    if let (ServerSite::Platform, Some(query)) = (&resolved.site, req.uri().query())
        && let Some(target) = portal_redirect(query)
    {
        return target;
    }
    page(state, resolved, host, who, req).await
}

/// The platform form asks for `/?portal=<slug>`; send the visitor to that portal's path.
fn portal_redirect(query: &str) -> Option<Response> {
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("portal="))?
        .trim()
        .to_ascii_lowercase();
    let slug = TenantSlug::parse(&value).ok()?;
    Some(Redirect::to(&format!("/{slug}")).into_response())
}

fn context(
    state: &AppState,
    resolved: &Resolved,
    host: &str,
    who: Who,
    req: &Request,
) -> RequestContext {
    let port = host
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse::<u16>().ok())
        .filter(|p| *p != 80 && *p != 443);
    RequestContext {
        db: state.db.clone(),
        site: resolved.site.clone(),
        session: who.session,
        viewer: who.viewer,
        client_ip: req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip()),
        limiter: state.limiter.clone(),
        origin: Origin {
            https: session_layer::is_https(state, req.headers()),
            port,
            root_domain: state.config.root_domain.clone(),
        },
        upload_dir: state.config.upload_dir.clone(),
    }
}

async fn server_fn(
    state: AppState,
    resolved: Resolved,
    host: String,
    who: Who,
    req: Request,
) -> Response {
    let ctx = context(&state, &resolved, &host, who, &req);
    let (mut parts, body) = req.into_parts();
    // Path-mode calls arrive as /<slug>/api/…; the functions are registered at /api/….
    let stripped = &parts.uri.path()[resolved.base.len()..];
    if server_fn::axum::get_server_fn_service(stripped, parts.method.clone()).is_none() {
        return error_pages::not_found();
    }
    let path_and_query = match parts.uri.query() {
        Some(q) => format!("{stripped}?{q}"),
        None => stripped.to_owned(),
    };
    parts.uri = match Uri::builder().path_and_query(path_and_query).build() {
        Ok(uri) => uri,
        Err(_) => return error_pages::bad_request(),
    };
    let req = Request::from_parts(parts, body);
    let response = leptos_axum::handle_server_fns_with_context(
        move || provide_request_context(ctx.clone()),
        req,
    )
    .await
    .into_response();
    with_error_status(response).await
}

/// server_fn answers every error with 500; give it the status its `AppError` stands for, including
/// errors raised before the function body runs (malformed arguments).
async fn with_error_status(response: Response) -> Response {
    // A plain form post that failed is being sent back to its page: leave that redirect be.
    let headers = response.headers();
    if !headers.contains_key(server_fn::error::SERVER_FN_ERROR_HEADER)
        || headers.contains_key(header::LOCATION)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return error_pages::internal_error();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}

async fn page(
    state: AppState,
    resolved: Resolved,
    host: String,
    who: Who,
    req: Request<Body>,
) -> Response {
    let site = match &resolved.site {
        ServerSite::Platform => Site::Platform,
        ServerSite::Tenant { tenant, base } => Site::Tenant(tenant.site(base.clone())),
    };
    let ctx = context(&state, &resolved, &host, who, &req);
    let options = state.leptos.clone();
    // Rendered whole before sending, so a page can still set its status (404 for a missing course).
    let handler = leptos_axum::render_app_async_with_context(
        move || provide_request_context(ctx.clone()),
        move || app::shell(options.clone(), site.clone()),
    );
    handler(req).await
}
