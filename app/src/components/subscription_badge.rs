//! A subscription's state as a coloured label, the same for learners and admins.

use crate::model::subscription::SubscriptionState;
use leptos::prelude::*;

#[component]
pub fn SubscriptionBadge(state: SubscriptionState) -> impl IntoView {
    let colours = match state {
        SubscriptionState::Signed => "bg-emerald-100 text-emerald-900",
        SubscriptionState::Signing => "bg-amber-100 text-amber-900",
        SubscriptionState::Suspended => "bg-red-100 text-red-900",
        SubscriptionState::Unsigned => "bg-slate-100 text-slate-700",
    };
    view! {
        <span class=format!("rounded-full px-2.5 py-0.5 text-xs font-semibold {colours}") data-state=state.as_str()>
            {state.label()}
        </span>
    }
}
