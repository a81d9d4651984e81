//! Subscribers: the tenant's subscriptions with state filters, one subscription's history, an
//! admin's suspend / resume / end with a reason, and the revenue figures (MRR, paid per month).

use crate::error::AppError;
use crate::model::billing::{SubscribersView, SubscriptionRecord};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::{payments, subscriptions};
    use crate::domain::billing::lifecycle::{self, AdminAction};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::Feature;
    use crate::model::billing::{
        HistoryLine, Money, SubscriberRow, SubscribersView, SubscriptionRecord,
    };
    use crate::model::subscription::{BillingInterval, ChangeCause, SubscriptionState};
    use crate::request::TenantScope;
    use chrono::Utc;

    const LIST_LIMIT: u64 = 500;

    fn row(r: subscriptions::Listed) -> Option<SubscriberRow> {
        Some(SubscriberRow {
            id: r.id,
            member_name: r.member_name,
            member_email: r.member_email,
            plan_name: r.plan_name,
            price: Money {
                minor: r.amount_minor,
                currency: r.currency,
            },
            interval: BillingInterval::parse(&r.billing_interval)?,
            state: SubscriptionState::parse(&r.state)?,
            period_end: r.current_period_end.map(crate::model::billing::day),
            cancel_at_period_end: r.cancel_at_period_end,
            failed_attempts: u32::try_from(r.failed_attempts).unwrap_or(0),
        })
    }

    pub async fn list(scope: &TenantScope, raw_state: &str) -> Result<SubscribersView, AppError> {
        scope.require(Feature::Ecommerce)?;
        guards::admin(scope)?;
        let filter = match raw_state.trim() {
            "" | "all" => None,
            other => Some(
                SubscriptionState::parse(other)
                    .ok_or_else(|| AppError::BadRequest("Choose a state from the list.".into()))?,
            ),
        };
        let tx = scope.begin().await?;
        let rows = subscriptions::list(&tx, filter, None, LIST_LIMIT).await?;
        let counts = subscriptions::counts(&tx).await?;
        let mrr = subscriptions::mrr(&tx).await?;
        let revenue = payments::revenue_by_month(&tx, 12, Utc::now()).await?;
        let currency = crate::data::repos::tenants::currency(&tx).await?;
        tx.commit().await?;
        Ok(SubscribersView {
            rows: rows.into_iter().filter_map(row).collect(),
            counts: SubscriptionState::ALL
                .into_iter()
                .map(|state| {
                    let n = counts
                        .iter()
                        .find(|(s, _)| s == state.as_str())
                        .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
                    (state, n)
                })
                .collect(),
            mrr: mrr
                .into_iter()
                .map(|(currency, minor)| Money { minor, currency })
                .collect(),
            currency,
            revenue,
        })
    }

    pub async fn detail(scope: &TenantScope, raw_id: &str) -> Result<SubscriptionRecord, AppError> {
        scope.require(Feature::Ecommerce)?;
        guards::admin(scope)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        let subscription = subscriptions::list(&tx, None, Some(id), 1)
            .await?
            .into_iter()
            .find_map(row)
            .ok_or(AppError::NotFound)?;
        let entries = subscriptions::history(&tx, id).await?;
        tx.commit().await?;
        let history = entries
            .into_iter()
            .filter_map(|e| {
                Some(HistoryLine {
                    from: e.from_state.as_deref().and_then(SubscriptionState::parse),
                    to: SubscriptionState::parse(&e.to_state)?,
                    cause: match ChangeCause::parse(&e.cause)? {
                        ChangeCause::User => "Member",
                        ChangeCause::Admin => "Admin",
                        ChangeCause::Payment => "Payment",
                        ChangeCause::Job => "Scheduled job",
                    }
                    .into(),
                    actor: e.actor_name,
                    reason: e.reason,
                    at: e.at.format("%Y-%m-%d %H:%M UTC").to_string(),
                })
            })
            .collect();
        Ok(SubscriptionRecord {
            subscription,
            history,
        })
    }

    pub async fn change(
        scope: &TenantScope,
        raw_id: &str,
        raw_action: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        scope.require(Feature::Ecommerce)?;
        let admin = guards::admin(scope)?;
        let id = guards::id(raw_id)?;
        let action = AdminAction::parse(raw_action)
            .ok_or_else(|| AppError::BadRequest("Choose suspend, resume or end.".into()))?;
        let tx = scope.begin().await?;
        let to =
            lifecycle::admin_change(&tx, admin.user_id, id, action, reason, Utc::now()).await?;
        tx.commit().await?;
        tracing::info!(subscription = %id, to = to.as_str(), "subscription changed by an admin");
        Ok(())
    }
}

/// The tenant's subscriptions (`state` filters: "", "signing", "signed", "suspended",
/// "unsigned") with counts, MRR and revenue per month.
#[server]
pub async fn subscribers(state: String) -> Result<SubscribersView, AppError> {
    crate::request::serve(async |scope| imp::list(scope, &state).await).await
}

/// One subscription with every move it made, oldest first.
#[server]
pub async fn admin_subscription(subscription_id: String) -> Result<SubscriptionRecord, AppError> {
    crate::request::serve(async |scope| imp::detail(scope, &subscription_id).await).await
}

/// Suspends, resumes or ends a subscription (`action`: suspend, resume, end) with a reason;
/// returns the subscription's page.
#[server]
pub async fn change_subscription(
    subscription_id: String,
    action: String,
    reason: String,
) -> Result<String, AppError> {
    use crate::model::url::encode;
    use crate::request::{finish_form, serve_form};
    let page = format!("/admin/subscribers/{}", encode(&subscription_id));
    serve_form(&page, &[], async |scope| {
        imp::change(scope, &subscription_id, &action, &reason).await?;
        let done = match action.as_str() {
            "suspend" => "suspended",
            "resume" => "resumed",
            _ => "ended",
        };
        Ok(finish_form(scope.href(&format!("{page}?done={done}"))))
    })
    .await
}
