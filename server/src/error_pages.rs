//! Plain pages for requests that never reach a tenant: unknown tenant or host, suspended tenant,
//! malformed request. They name no tenant, so they reveal nothing about who exists.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

fn page(status: StatusCode, title: &str, message: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body class=\"min-h-screen bg-stone-50 text-slate-900\">\
         <main class=\"mx-auto max-w-xl px-6 py-24 text-center\">\
         <p class=\"text-sm font-semibold uppercase tracking-wide text-slate-500\">{code}</p>\
         <h1 class=\"mt-2 text-3xl font-bold\">{title}</h1>\
         <p class=\"mt-4 text-slate-600\">{message}</p></main></body></html>",
        code = status.as_u16(),
        css = app::assets::known_stylesheet(),
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

pub fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is nothing at this address. Check the link you followed.",
    )
}

pub fn unavailable() -> Response {
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Portal unavailable",
        "This learning portal is unavailable at the moment. Please contact the organisation that \
         invited you.",
    )
}

pub fn bad_request() -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Bad request",
        "Your browser sent a request this site could not understand.",
    )
}

pub fn method_not_allowed() -> Response {
    page(
        StatusCode::METHOD_NOT_ALLOWED,
        "Not allowed",
        "That kind of request is not accepted at this address.",
    )
}

pub fn service_unavailable() -> Response {
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Temporarily unavailable",
        "We are having trouble right now. Please try again in a minute.",
    )
}

pub fn internal_error() -> Response {
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "We hit a problem showing this page. Please try again in a moment.",
    )
}

pub fn too_many_requests() -> Response {
    page(
        StatusCode::TOO_MANY_REQUESTS,
        "Slow down",
        "This portal has had a lot of requests from you in a short time. Please wait a moment \
         and try again.",
    )
}

pub fn busy() -> Response {
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Very busy right now",
        "This portal is very busy at the moment. Please try again in a few seconds.",
    )
}
