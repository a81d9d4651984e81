//! Renders a Leptos page into one complete response.
//!
//! Pages are rendered whole on the server (islands hydrate in the browser), so the body is known
//! before anything is sent. `leptos_axum`'s renderers return a streamed body instead (chunked,
//! rebuilt from a stream of strings, with the request's parts cloned for the page); doing the
//! same steps here — the same contexts, `<head>` tags from `leptos_meta`, and the shared
//! context's serialised data after the document — gives one buffer with a `Content-Length`, and
//! costs less per page.

use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use futures::StreamExt;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos::reactive::owner::Sandboxed;
use leptos_axum::ResponseOptions;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::fmt::Write;
use std::sync::Arc;

/// Renders `app` for a request with `parts`; `context` provides the page's own contexts first.
pub async fn page<IV>(
    parts: Parts,
    context: impl FnOnce() + Send + 'static,
    app: impl FnOnce() -> IV + Send + 'static,
) -> Response
where
    IV: IntoView + 'static,
{
    let options = ResponseOptions::default();
    let (meta, meta_output) = ServerMetaContext::new();
    let shared: Arc<dyn SharedContext + Send + Sync> = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(Arc::clone(&shared)));
    // The router only reads the path and query from this URL.
    let url = format!(
        "http://leptos.dev{}",
        parts.uri.path_and_query().map_or("/", |pq| pq.as_str())
    );
    let html = Sandboxed::new({
        let owner = owner.clone();
        let options = options.clone();
        async move {
            let (stream, nonce) = owner.with(|| {
                provide_context(RequestUrl::new(&url));
                provide_context(meta);
                provide_context(parts);
                provide_context(options);
                leptos_router::components::provide_server_redirect(leptos_axum::redirect);
                leptos::nonce::provide_nonce();
                context();
                let nonce = leptos::nonce::use_nonce()
                    .map(|n| format!(" nonce=\"{n}\""))
                    .unwrap_or_default();
                (app().to_html_stream_in_order(), nonce)
            });
            // A catalog page is about 6 KB: one allocation instead of a doubling series.
            let mut html = String::with_capacity(16 * 1024);
            let mut stream = std::pin::pin!(stream);
            while let Some(chunk) = stream.next().await {
                html.push_str(&chunk);
            }
            while let Some(pending) = shared.await_deferred() {
                pending.await;
            }
            // Data serialised for islands, as leptos_axum appends it.
            if let Some(mut data) = shared.pending_data() {
                while let Some(chunk) = data.next().await {
                    let _ = write!(html, "<script{nonce}>{chunk}</script>");
                }
            }
            meta_output
                .inject_meta_context(futures::stream::iter([html]))
                .await
                .collect::<String>()
                .await
        }
    })
    .await;
    owner.unset_with_forced_cleanup();

    let mut response = Response::new(Body::from(html));
    let mut set = options
        .0
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(status) = set.status {
        *response.status_mut() = status;
    }
    let headers = response.headers_mut();
    headers.extend(std::mem::take(&mut set.headers));
    headers
        .entry(header::CONTENT_TYPE)
        .or_insert(HeaderValue::from_static("text/html; charset=utf-8"));
    response
}
