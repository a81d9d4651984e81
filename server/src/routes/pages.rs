//! Every other address: a page of the Leptos app, rendered whole on the server (so a page can
//! still set its status, a 404 for a missing course) with the same request context as server
//! functions get. The platform's "go to a portal" form is answered here too.

use super::{context, render};
use crate::error_pages;
use crate::state::AppState;
use crate::tenancy::VisitorUri;
use app::model::TenantSlug;
use app::request::{RequestSite, provide_request_context};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Redirect, Response};

pub async fn render(State(state): State<AppState>, req: Request) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return error_pages::method_not_allowed();
    }
    let (mut parts, body) = req.into_parts();
    let ctx = context::of(&state, &parts);
    if let (RequestSite::Platform, Some(query)) = (&ctx.site, parts.uri.query())
        && let Some(target) = portal_redirect(query)
    {
        return target;
    }
    // The browser's router sees the address the visitor asked for, `/<slug>` prefix included.
    if let Some(VisitorUri(uri)) = parts.extensions.get::<VisitorUri>().cloned() {
        parts.uri = uri;
    }
    drop(body);
    let site = ctx.site.public();
    let options = state.leptos.clone();
    render::page(
        parts,
        move || provide_request_context(ctx),
        move || app::shell(options, site),
    )
    .await
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
