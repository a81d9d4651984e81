//! `ActionForm` for tenant portals. Leptos's own form posts to the function's bare URL
//! (`/api/…`), which on the platform host names no tenant; this one posts to the portal's prefix
//! (`/<slug>/api/…` in path mode), so forms also work with JavaScript off.

use super::href;
use leptos::ev::SubmitEvent;
use leptos::form::FromFormData;
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use serde::de::DeserializeOwned;

#[component]
pub fn TenantForm<ServFn, OutputProtocol>(
    action: ServerAction<ServFn>,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional, into)] label: Option<String>,
    children: Children,
) -> impl IntoView
where
    ServFn: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, OutputProtocol>>
        + Clone
        + Send
        + Sync
        + 'static,
    <<ServFn::Client as Client<ServFn::Error>>::Request as ClientReq<ServFn::Error>>::FormData:
        From<leptos::web_sys::FormData>,
    ServFn::Output: Send + Sync + 'static,
    ServFn::Error: Send + Sync + 'static,
    <ServFn as ServerFn>::Client: Client<<ServFn as ServerFn>::Error>,
{
    let on_submit = move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        match ServFn::from_event(&ev) {
            Ok(input) => {
                action.dispatch(input);
            }
            Err(err) => {
                action
                    .value()
                    .set(Some(Err(ServFn::Error::from_server_fn_error(
                        ServerFnErrorErr::Serialization(err.to_string()),
                    ))));
            }
        }
    };
    view! {
        <form method="post" action=href(ServFn::url()) class=class aria-label=label on:submit=on_submit>
            {children()}
        </form>
    }
}
