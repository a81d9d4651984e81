//! Serving one tenant's portal beyond its pages: the cross-site guard for server functions,
//! uploaded media and the learners CSV download. (Its session is `session_layer`.)

use crate::error_pages;
use crate::state::AppState;
use app::data::ResolvedTenant;
use app::error::AppError;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Server functions are public endpoints: refuse calls a browser makes on behalf of another
/// site (CSRF). Browsers mark them with `Sec-Fetch-Site`, and with `Origin` on every POST.
pub fn is_same_origin(headers: &HeaderMap, host: &str) -> bool {
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

/// In path mode every portal shares one origin, so a same-origin call may still come from another
/// portal's page. When the browser says which page made the call, it must be this portal's.
pub fn is_from_this_portal(headers: &HeaderMap, base: &str) -> bool {
    if base.is_empty() {
        return true;
    }
    let Some(referer) = headers.get(header::REFERER).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let path = referer
        .split_once("://")
        .map(|(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]))
        .unwrap_or(referer);
    path == base || path.starts_with(&format!("{base}/")) || path.starts_with(&format!("{base}?"))
}

/// A cross-site call, answered as the typed error the app understands.
pub fn cross_site_refused() -> Response {
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

/// `GET /media/<name>`: an uploaded file of this tenant. Names are generated, so anything else is
/// a 404; files of other tenants are in other folders and cannot be named from here.
pub async fn media(state: &AppState, tenant: &ResolvedTenant, name: &str) -> Response {
    use app::api::studio::media::{content_type, is_media_name};
    if !is_media_name(name) {
        return error_pages::not_found();
    }
    let path = state
        .config
        .upload_dir
        .join(tenant.id().to_string())
        .join(name);
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type(name)),
                (header::CACHE_CONTROL, "public, max-age=86400, immutable"),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => error_pages::not_found(),
    }
}

/// `GET /studio/courses/<id>/learners.csv`: the insight table as a spreadsheet, for staff.
pub async fn learners_csv(ctx: app::request::RequestContext, raw_course: &str) -> Response {
    use app::request::TenantScope;
    let result = async {
        let scope = TenantScope::from_context(ctx)?;
        app::api::studio::insight::imp::build(&scope, raw_course).await
    }
    .await;
    match result {
        Ok(insight) => {
            let file = format!(
                "attachment; filename=\"learners-{}.csv\"",
                insight.course_id
            );
            let mut response = app::model::studio::insight_csv(&insight).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(value) = HeaderValue::from_str(&file) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::Unauthorized) => {
            (StatusCode::UNAUTHORIZED, "Please sign in.").into_response()
        }
        Err(AppError::Forbidden) => {
            (StatusCode::FORBIDDEN, "You don't have access to this.").into_response()
        }
        Err(AppError::NotFound | AppError::FeatureDisabled) => error_pages::not_found(),
        Err(_) => error_pages::internal_error(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let from = |r: &'static str| headers(&[("referer", r)]);
        assert!(is_from_this_portal(
            &from("http://localhost:3000/5q/courses"),
            "/5q"
        ));
        assert!(is_from_this_portal(
            &from("http://localhost:3000/5q"),
            "/5q"
        ));
        assert!(
            is_from_this_portal(&headers(&[]), "/5q"),
            "no Referer: nothing to compare"
        );
        assert!(!is_from_this_portal(
            &from("http://localhost:3000/movement-leaders/x"),
            "/5q"
        ));
        assert!(!is_from_this_portal(
            &from("http://localhost:3000/5qx/courses"),
            "/5q"
        ));
        assert!(is_from_this_portal(&from("http://anything/elsewhere"), ""));
    }
}
