//! The banner on every portal page during a support session: who is in, until when, and the way
//! out. Rendered on the server, with a plain form, so it needs no JavaScript.

use super::href;
use crate::api::support::LeaveSupport;
use crate::model::support::SupportGrant;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn current_support() -> Option<SupportGrant> {
    #[cfg(feature = "ssr")]
    {
        with_context(|ctx: &crate::request::RequestContext| ctx.support.clone()).flatten()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[component]
pub fn SupportBanner() -> impl IntoView {
    current_support().map(|grant| {
        let access = if grant.write {
            "changes allowed"
        } else {
            "read-only"
        };
        view! {
            <div role="status" data-testid="support-banner" class="bg-amber-300 text-slate-950">
                <form method="post" action=href(LeaveSupport::PATH)
                    class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm sm:px-6">
                    <p>
                        <strong class="font-semibold">{format!("Support session by {}", grant.admin_name)}</strong>
                        {format!(" — ends at {} — {access}", grant.ends_at_text())}
                    </p>
                    <button type="submit" class="rounded-md bg-slate-950 px-3 py-1 font-medium text-white">"Leave"</button>
                </form>
            </div>
        }
    })
}
