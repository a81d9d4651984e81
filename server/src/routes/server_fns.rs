//! `/api/<function>`: Leptos server functions, behind the cross-site guard and the input guard,
//! with the request context provided exactly as for page rendering.

use super::context;
use crate::error_pages;
use crate::input_guard;
use crate::state::AppState;
use app::error::AppError;
use app::request::{RequestSite, provide_request_context};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn call(State(state): State<AppState>, req: Request) -> Response {
    if server_fn::axum::get_server_fn_service(req.uri().path(), req.method().clone()).is_none() {
        return error_pages::not_found();
    }
    let req = match input_guard::check_call(req).await {
        Ok(req) => req,
        Err(refused) => return refused,
    };
    let (parts, body) = req.into_parts();
    let ctx = context::of(&state, &parts);
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

/// Server functions are public endpoints: calls a browser makes on behalf of another site (CSRF)
/// are refused, and in path mode so are calls from another portal's pages on the same origin.
pub async fn same_origin_only(req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let from_this_portal = match req.extensions().get::<RequestSite>() {
        Some(RequestSite::Portal { mode, .. }) => {
            referer_path(req.headers()).is_none_or(|path| mode.owns_path(&path))
        }
        _ => true,
    };
    if !is_same_origin(req.headers(), host) || !from_this_portal {
        return cross_site_refused();
    }
    next.run(req).await
}

/// Browsers mark cross-site calls with `Sec-Fetch-Site`, and send `Origin` on every POST.
fn is_same_origin(headers: &HeaderMap, host: &str) -> bool {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("same-origin" | "none") => return true,
        Some(_) => return false,
        None => {}
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        // Not a browser: cookies are not sent on its behalf by another site.
        None => true,
        Some(origin) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
    }
}

/// The path of the page that made the call, when the browser says.
fn referer_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    Some(
        referer
            .split_once("://")
            .map(|(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]))
            .unwrap_or(referer)
            .to_owned(),
    )
}

/// A cross-site call, answered as the typed error the app understands.
fn cross_site_refused() -> Response {
    tracing::warn!("cross-site server-function call refused");
    let body = serde_json::to_string(&AppError::Forbidden).unwrap_or_default();
    let mut response = (StatusCode::FORBIDDEN, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response.headers_mut().insert(
        server_fn::error::SERVER_FN_ERROR_HEADER,
        HeaderValue::from_static("cross-site"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::PortalMode;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_calls_pass_and_cross_site_ones_do_not() {
        let host = "5q.localhost:3000";
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            host
        ));
        assert!(is_same_origin(
            &headers(&[("origin", "http://5q.localhost:3000")]),
            host
        ));
        assert!(is_same_origin(&headers(&[]), host));
        // Another tenant's subdomain is same-site but not same-origin.
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            host
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            host
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "http://movement-leaders.localhost:3000")]),
            host
        ));
        assert!(!is_same_origin(&headers(&[("origin", "null")]), host));
        assert!(!is_same_origin(
            &headers(&[("origin", "https://evil.example")]),
            host
        ));
    }

    #[test]
    fn path_mode_calls_must_come_from_the_portals_own_pages() {
        let five_q = PortalMode::Path { slug: "5q".into() };
        let from = |r: &'static str| referer_path(&headers(&[("referer", r)]));
        let owned = |r: &'static str| from(r).is_none_or(|p| five_q.owns_path(&p));
        assert!(owned("http://localhost:3000/5q/courses"));
        assert!(owned("http://localhost:3000/5q"));
        assert!(
            referer_path(&headers(&[])).is_none(),
            "no Referer: nothing to compare"
        );
        assert!(!owned("http://localhost:3000/movement-leaders/x"));
        assert!(!owned("http://localhost:3000/5qx/courses"));
        assert!(
            from("http://anything/elsewhere").is_some_and(|p| PortalMode::Subdomain.owns_path(&p))
        );
    }
}
