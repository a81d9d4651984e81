//! `POST /payments/events`: the tenant's endpoint for its payment provider's signed events
//! (`app::billing::events`). Server to server: no session, no cookies; the signature made with
//! this tenant's secret is the only credential, so an event signed for another tenant is refused.
//! Throttled by `app::billing::EventLimiter`: refused events per address, all events per tenant.

use crate::error_pages;
use crate::state::AppState;
use app::billing::events::{self, Applied, Refused};
use app::error::AppError;
use app::request::RequestSite;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

pub async fn receive(
    State(state): State<AppState>,
    Extension(site): Extension<RequestSite>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(tenant) = site.tenant() else {
        return error_pages::not_found();
    };
    if !tenant.features().ecommerce {
        return error_pages::not_found();
    }
    let address = crate::client_address::of(
        peer.map(|Extension(ConnectInfo(addr))| addr.ip()),
        &headers,
        &state.config.trusted_proxies,
    );
    if let Err(wait) = state.event_limiter.admit(tenant.id(), address) {
        tracing::warn!(client = ?address, "payment events throttled");
        let mut response = (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(serde_json::json!({ "error": "Too many events; send them again later." })),
        )
            .into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return response;
    }
    let signature = headers
        .get(events::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok());
    let answer =
        |status: StatusCode, body: serde_json::Value| (status, axum::Json(body)).into_response();
    match events::receive(&state.db, tenant, signature, &body, chrono::Utc::now()).await {
        Ok(applied) => answer(
            StatusCode::OK,
            serde_json::json!({
                "received": true,
                "applied": applied == Applied::Done,
                "replay": applied == Applied::Replay,
            }),
        ),
        Err(Refused::Event(e)) => {
            state.event_limiter.refused(address);
            tracing::warn!(error = %e, "payment event refused");
            answer(
                StatusCode::BAD_REQUEST,
                serde_json::json!({ "error": e.to_string() }),
            )
        }
        Err(Refused::App(AppError::BadRequest(message))) => answer(
            StatusCode::BAD_REQUEST,
            serde_json::json!({ "error": message }),
        ),
        Err(Refused::App(e)) => {
            tracing::error!(error = %e, "payment event failed");
            answer(
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                serde_json::json!({ "error": "The event could not be processed; send it again." }),
            )
        }
    }
}
