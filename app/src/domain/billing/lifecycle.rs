//! The subscription lifecycle as people drive it: a member subscribes (checkout), pays or
//! declines, cancels at period end or changes their mind; an admin suspends, resumes or ends a
//! subscription with a reason. The database refuses illegal moves; these functions choose the
//! legal one and record who caused it.

use crate::data::TenantTx;
use crate::data::repos::payments::{self, Billed, Invoice, NewInvoice};
use crate::data::repos::subscriptions::{self, Change, Subscription};
use crate::data::repos::{audit, plans};
use crate::error::AppError;
use crate::model::FormError;
use crate::model::subscription::{BillingInterval, ChangeCause, SubscriptionState};
use chrono::{DateTime, Months, SubsecRound, Utc};
use uuid::Uuid;

/// `t` as the database keeps it (microseconds), so a period end scheduled into a job compares
/// equal to the one read back.
fn stored(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(6)
}

/// Whether a suspension came from failed payments (and paying lifts it).
pub fn suspended_for_payment(last_cause: &str) -> bool {
    matches!(
        ChangeCause::parse(last_cause),
        Some(ChangeCause::Job | ChangeCause::Payment)
    )
}

/// The end of a period of `interval` that starts at `start`.
pub fn period_end(start: DateTime<Utc>, interval: BillingInterval) -> DateTime<Utc> {
    let months = match interval {
        BillingInterval::Month => Months::new(1),
        BillingInterval::Year => Months::new(12),
    };
    start
        .checked_add_months(months)
        .unwrap_or(start + chrono::Duration::days(30))
}

/// Starts checkout of `plan` for `user`, or returns the checkout already open for it. Refuses
/// an archived or unknown plan (404), a plan the member's level may not buy (403) and a plan
/// they already hold (409). Returns the invoice to pay.
pub async fn subscribe(
    tx: &TenantTx,
    user: Uuid,
    plan_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let now = stored(now);
    let plan = plans::find(tx, plan_id)
        .await?
        .filter(|p| p.status == "active")
        .ok_or(AppError::NotFound)?;
    if !plans::available_to(tx, plan.id, user).await? {
        return Err(FormError::PlanNotAvailable.into());
    }
    let subscription = match subscriptions::live_for(tx, user, plan.id).await? {
        Some(live) if live.state() == Some(SubscriptionState::Signing) => live,
        // Paying a subscription suspended for non-payment resumes it for a new period from
        // the payment; one an admin suspended stays so until an admin resumes it.
        Some(live) if live.state() == Some(SubscriptionState::Suspended) => {
            if !suspended_for_payment(&live.last_cause) {
                return Err(AppError::Conflict(
                    "An admin of this organisation has paused this subscription. Ask them to resume it."
                        .into(),
                ));
            }
            live
        }
        Some(_) => return Err(FormError::AlreadySubscribed.into()),
        None => {
            let change = Change {
                cause: ChangeCause::User,
                actor: Some(user),
                reason: "checkout started",
            };
            subscriptions::start(tx, user, plan.id, change).await?
        }
    };
    let price = plans::price(tx, subscription.price_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let id = payments::open_invoice(
        tx,
        NewInvoice {
            user,
            billed: Billed::Period {
                subscription: subscription.id,
                start: now,
                end: period_end(now, plan.interval()),
            },
            amount_minor: price.amount_minor,
            currency: &price.currency,
            // One invoice per checkout, and per suspended period being paid.
            idempotency_key: &match (subscription.state(), subscription.current_period_end) {
                (Some(SubscriptionState::Suspended), Some(end)) => {
                    format!("recovery:{}:{}", subscription.id, end.timestamp())
                }
                _ => format!("checkout:{}", subscription.id),
            },
        },
    )
    .await?;
    payments::find_invoice(tx, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// What settling an invoice did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The invoice was open and is now paid or failed.
    Changed,
    /// It was settled before (a repeated confirmation): nothing changed.
    AlreadySettled,
}

/// Applies a payment's result to its invoice and what it bills: a paid checkout signs the
/// subscription for a period from `now`; a paid renewal moves it to the invoice's period (and
/// back to `signed` if it was suspended); a declined checkout ends it; a declined renewal counts
/// a failed attempt (the dunning job retries, then suspends).
pub async fn settle(
    tx: &TenantTx,
    invoice: &Invoice,
    paid: bool,
    cause: Change<'_>,
    now: DateTime<Utc>,
) -> Result<Settled, AppError> {
    let now = stored(now);
    if !payments::settle_invoice(tx, invoice.id, paid, now).await? {
        return Ok(Settled::AlreadySettled);
    }
    let Some(sub_id) = invoice.subscription_id else {
        if paid && let Some(product) = invoice.product_id {
            super::sales::grant(tx, invoice.user_id, product).await?;
        }
        return Ok(Settled::Changed);
    };
    let sub = subscriptions::find(tx, sub_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = plans::find(tx, sub.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = sub.state().ok_or(AppError::internal("unknown state"))?;
    match (paid, state) {
        (true, SubscriptionState::Signing) => {
            let period = (now, period_end(now, plan.interval()));
            subscriptions::transition(tx, sub.id, SubscriptionState::Signed, Some(period), cause)
                .await?;
            crate::jobs::billing::schedule_renewal(tx, sub.id, period.1).await?;
        }
        (true, SubscriptionState::Signed | SubscriptionState::Suspended) => {
            let period = invoice
                .period_start
                .zip(invoice.period_end)
                .unwrap_or((now, period_end(now, plan.interval())));
            subscriptions::transition(tx, sub.id, SubscriptionState::Signed, Some(period), cause)
                .await?;
            crate::jobs::billing::schedule_renewal(tx, sub.id, period.1).await?;
        }
        (false, SubscriptionState::Signing) => {
            subscriptions::transition(tx, sub.id, SubscriptionState::Unsigned, None, cause).await?;
        }
        (false, SubscriptionState::Signed | SubscriptionState::Suspended) => {
            subscriptions::add_failed_attempt(tx, sub.id).await?;
        }
        // Paid after it ended: the money is recorded; a refund is the admin's call.
        (_, SubscriptionState::Unsigned) => {
            tracing::warn!(subscription = %sub.id, invoice = %invoice.id, "payment for an ended subscription");
        }
    }
    Ok(Settled::Changed)
}

/// The member's own subscription; another person's is as good as missing.
pub async fn own(tx: &TenantTx, user: Uuid, id: Uuid) -> Result<Subscription, AppError> {
    subscriptions::find(tx, id)
        .await?
        .filter(|s| s.user_id == user)
        .ok_or(AppError::NotFound)
}

/// The member cancels: an unpaid checkout ends now; a paid one runs to the end of its period.
pub async fn cancel(tx: &TenantTx, user: Uuid, id: Uuid) -> Result<(), AppError> {
    let sub = own(tx, user, id).await?;
    let change = Change {
        cause: ChangeCause::User,
        actor: Some(user),
        reason: "cancelled by the member",
    };
    match sub.state() {
        Some(SubscriptionState::Signing) => {
            subscriptions::transition(tx, sub.id, SubscriptionState::Unsigned, None, change)
                .await?;
            payments::void_open_for_subscription(tx, sub.id).await?;
        }
        Some(SubscriptionState::Signed | SubscriptionState::Suspended) => {
            subscriptions::set_cancel_at_period_end(tx, sub.id, true, change).await?;
        }
        _ => {
            return Err(AppError::Conflict(
                "This subscription has already ended.".into(),
            ));
        }
    }
    audit::record(
        tx,
        Some(user),
        "subscription.cancelled",
        &sub.id.to_string(),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// The member keeps a subscription they had cancelled at period end.
pub async fn keep(tx: &TenantTx, user: Uuid, id: Uuid) -> Result<(), AppError> {
    let sub = own(tx, user, id).await?;
    let change = Change {
        cause: ChangeCause::User,
        actor: Some(user),
        reason: "kept by the member",
    };
    if !sub.cancel_at_period_end
        || !subscriptions::set_cancel_at_period_end(tx, sub.id, false, change).await?
    {
        return Err(AppError::Conflict(
            "This subscription is not set to end.".into(),
        ));
    }
    audit::record(
        tx,
        Some(user),
        "subscription.kept",
        &sub.id.to_string(),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// What an admin may do to a subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminAction {
    Suspend,
    Resume,
    End,
}

impl AdminAction {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "suspend" => Some(Self::Suspend),
            "resume" => Some(Self::Resume),
            "end" => Some(Self::End),
            _ => None,
        }
    }

    fn target(self) -> SubscriptionState {
        match self {
            Self::Suspend => SubscriptionState::Suspended,
            Self::Resume => SubscriptionState::Signed,
            Self::End => SubscriptionState::Unsigned,
        }
    }
}

/// An admin suspends, resumes or ends a subscription, with a reason the history keeps.
/// Resuming one whose period has run out starts a new period from `now` (the admin grants it).
pub async fn admin_change(
    tx: &TenantTx,
    admin: Uuid,
    id: Uuid,
    action: AdminAction,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<SubscriptionState, AppError> {
    let now = stored(now);
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(FormError::ReasonRequired.into());
    }
    let sub = subscriptions::find(tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = sub.state().ok_or(AppError::internal("unknown state"))?;
    let to = action.target();
    if !from.may_become(to) {
        return Err(AppError::Conflict(format!(
            "A subscription that is {} can't be {}.",
            from.label().to_lowercase(),
            match action {
                AdminAction::Suspend => "suspended",
                AdminAction::Resume => "resumed",
                AdminAction::End => "ended",
            }
        )));
    }
    let period = match (action, sub.current_period_end) {
        (AdminAction::Resume, Some(end)) if end > now => None,
        (AdminAction::Resume, _) => {
            let plan = plans::find(tx, sub.plan_id)
                .await?
                .ok_or(AppError::NotFound)?;
            Some((now, period_end(now, plan.interval())))
        }
        _ => None,
    };
    let change = Change {
        cause: ChangeCause::Admin,
        actor: Some(admin),
        reason,
    };
    subscriptions::transition(tx, sub.id, to, period, change)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some((_, end)) = period {
        crate::jobs::billing::schedule_renewal(tx, sub.id, end).await?;
    }
    audit::record(
        tx,
        Some(admin),
        &format!("subscription.{}", to.as_str()),
        &sub.id.to_string(),
        serde_json::json!({ "from": from.as_str(), "reason": reason }),
    )
    .await?;
    Ok(to)
}

/// Ends every live subscription of a member who is leaving the organisation (their history and
/// invoices stay). Returns how many ended.
pub async fn end_for_departing_member(
    tx: &TenantTx,
    admin: Uuid,
    user: Uuid,
) -> Result<usize, AppError> {
    let live = subscriptions::live_of_member(tx, user).await?;
    for id in &live {
        let change = Change {
            cause: ChangeCause::Admin,
            actor: Some(admin),
            reason: "member removed from the organisation",
        };
        subscriptions::transition(tx, *id, SubscriptionState::Unsigned, None, change).await?;
    }
    Ok(live.len())
}
