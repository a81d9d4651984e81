//! `POST /payments/events`: the tenant's endpoint for its payment provider's signed events
//! (`app::billing::events`). Server to server: no session, no cookies; the signature made with
//! this tenant's secret is the only credential, so an event signed for another tenant is refused.

use crate::error_pages;
use crate::state::AppState;
use app::billing::events::{self, Applied, Refused};
use app::error::AppError;
use app::request::RequestSite;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn receive(
    State(state): State<AppState>,
    Extension(site): Extension<RequestSite>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(tenant) = site.tenant() else {
        return error_pages::not_found();
    };
    if !tenant.features().ecommerce {
        return error_pages::not_found();
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
