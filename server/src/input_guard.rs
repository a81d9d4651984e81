//! Text with control characters is refused at the door. PostgreSQL cannot store a NUL byte in
//! text (it answers with an error, which would be a 500 and an ERROR line in the logs for anyone
//! who sends `%00`), and no person types the others. Tab, line feed and carriage return (which
//! browsers put in textarea submissions) are the only control characters let through.
//!
//! Checked here: the path and query of every request, and the URL-encoded or JSON bodies of
//! server-function calls. Multipart bodies (file uploads) carry binary data and are left to their
//! handler, which names its files itself.

use app::error::AppError;
use app::model::FormError;
use app::model::url::is_local_path;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// Server-function bodies larger than this are refused before they are read.
const MAX_TEXT_BODY: usize = 2 * 1024 * 1024;

pub fn is_refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

fn refused_text(s: &str) -> bool {
    s.chars().any(is_refused)
}

/// Whether a URL-encoded string (a query or a form body) decodes to refused text. (Bytes that
/// are not UTF-8 decode to U+FFFD here as they do for the server functions: harmless text.)
fn form_is_refused(encoded: &[u8]) -> bool {
    form_urlencoded::parse(encoded).any(|(k, v)| refused_text(&k) || refused_text(&v))
}

pub fn path_is_refused(path: &str) -> bool {
    match percent_encoding::percent_decode_str(path).decode_utf8() {
        Ok(decoded) => refused_text(&decoded),
        Err(_) => true,
    }
}

fn json_is_refused(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(s) => refused_text(s),
        serde_json::Value::Array(items) => items.iter().any(json_is_refused),
        serde_json::Value::Object(map) => map
            .iter()
            .any(|(k, v)| refused_text(k) || json_is_refused(v)),
        _ => false,
    }
}

/// The query of any request.
pub fn query_is_refused(req: &Request) -> bool {
    req.uri()
        .query()
        .is_some_and(|q| form_is_refused(q.as_bytes()))
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Reads and checks the body of a server-function call, and gives the request back whole; or
/// the answer to send instead.
pub async fn check_call(req: Request) -> Result<Request, Response> {
    let kind = content_type(req.headers()).to_ascii_lowercase();
    let form = kind.starts_with("application/x-www-form-urlencoded");
    let json = kind.starts_with("application/json");
    if !form && !json {
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_TEXT_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => return Err(StatusCode::PAYLOAD_TOO_LARGE.into_response()),
    };
    let refused = if form {
        form_is_refused(&bytes)
    } else {
        // Malformed JSON is left to server_fn, which answers it as a bad request.
        serde_json::from_slice::<serde_json::Value>(&bytes).is_ok_and(|v| json_is_refused(&v))
    };
    if refused {
        return Err(refusal(&parts.headers));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// A plain form post goes back to its page with the message; an island
/// gets the typed error it shows next to the form.
fn refusal(headers: &HeaderMap) -> Response {
    tracing::info!("input with control characters refused");
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(referer_path)
        .filter(|p| is_local_path(p));
    if wants_html && let Some(back) = back {
        let path = back.split(['?', '#']).next().unwrap_or("/");
        return Redirect::to(&format!("{path}?error=control_characters")).into_response();
    }
    let error = AppError::Form(FormError::ControlCharacters);
    let body = serde_json::to_string(&error).unwrap_or_default();
    let mut response = (StatusCode::BAD_REQUEST, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        server_fn::error::SERVER_FN_ERROR_HEADER,
        HeaderValue::from_static("input"),
    );
    response
}

fn referer_path(referer: &str) -> Option<String> {
    let (_, rest) = referer.split_once("://")?;
    Some(rest.find('/').map_or("/", |i| &rest[i..]).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_and_whitespace_is_not() {
        assert!(form_is_refused(b"email=nul%00%40attack.example"));
        assert!(form_is_refused(b"title=a%1Bb"));
        assert!(form_is_refused(b"body=%C2%85"), "C1 controls too");
        assert!(!form_is_refused(
            b"body=line%0D%0Anext%09tab&title=Caf%C3%A9+%F0%9F%8E%89"
        ));
        assert!(path_is_refused("/5q/courses/%00"));
        assert!(!path_is_refused("/5q/courses/caf%C3%A9"));
        let json: serde_json::Value =
            serde_json::from_str(r#"{"a":["ok",{"b":"x\u0000y"}]}"#).unwrap_or_default();
        assert!(json_is_refused(&json));
        assert!(!json_is_refused(&serde_json::json!({"a": "fine\n"})));
    }
}
