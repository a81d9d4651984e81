//! A learner's side of the tenant's business: the pricing page, subscribing (checkout through the
//! payment provider), the simulated provider's payment page, and "My subscription" with its
//! invoices. Everything is behind the `ecommerce` feature and acts for the signed-in member only.

use crate::error::AppError;
use crate::model::billing::{MyBillingView, PaymentPageView, PricingView};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::Permission;
    use crate::data::repos::payments::{self, Invoice};
    use crate::data::repos::{courses, plans, simulated_payments, subscriptions};
    use crate::domain::billing::{CheckoutPage, Outcome, Payment};
    use crate::domain::billing::{lifecycle, sales};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::billing::{
        InvoiceLine, InvoiceStatus, Money, MyBillingView, PaymentPageView, PlanOffer, PricingView,
        ProductOffer, SubscriptionView, grants_in_words, unit_separated,
    };
    use crate::model::subscription::{BillingInterval, ChangeCause, SubscriptionState};
    use crate::model::{Feature, FormError};
    use crate::request::TenantScope;
    use chrono::Utc;
    use std::collections::HashMap;

    fn money(minor: i64, currency: String) -> Money {
        Money { minor, currency }
    }

    pub async fn pricing(scope: &TenantScope) -> Result<PricingView, AppError> {
        scope.require(Feature::Ecommerce)?;
        let viewer = scope.viewer();
        let member = viewer.require(Permission::Learn).ok();
        let tx = scope.begin().await?;
        let user = member.as_ref().map(|m| m.user_id);
        let offers = plans::offers(&tx, user).await?;
        let products = plans::products(&tx).await?;
        let mine: HashMap<_, _> = match user {
            Some(user) => subscriptions::of_member(&tx, user)
                .await?
                .into_iter()
                .filter_map(|s| Some((s.plan_id, SubscriptionState::parse(&s.state)?)))
                .filter(|(_, state)| *state != SubscriptionState::Unsigned)
                .collect(),
            None => HashMap::new(),
        };
        tx.commit().await?;
        let plans = offers
            .into_iter()
            .map(|o| {
                let grants = grants_in_words(
                    o.level_name.as_deref(),
                    o.grants_assessments,
                    unit_separated(&o.course_titles),
                );
                PlanOffer {
                    id: o.id,
                    name: o.name,
                    description: o.description,
                    price: money(o.amount_minor, o.currency),
                    interval: BillingInterval::parse(&o.billing_interval)
                        .unwrap_or(BillingInterval::Month),
                    grants,
                    available: o.available,
                    subscribed: mine.get(&o.id).copied(),
                }
            })
            .collect();
        let products = products
            .into_iter()
            .map(|p| {
                let grants = grants_in_words(None, p.grants_assessments, p.course_title.as_deref());
                ProductOffer {
                    id: p.id,
                    name: p.name,
                    description: p.description,
                    price: money(p.amount_minor, p.currency),
                    grants,
                }
            })
            .collect();
        Ok(PricingView {
            plans,
            products,
            member: member.is_some(),
        })
    }

    fn payment<'a>(scope: &TenantScope, invoice: &'a Invoice) -> Payment<'a> {
        Payment {
            tenant_id: scope.tenant().id(),
            invoice: invoice.id,
            user: invoice.user_id,
            amount_minor: invoice.amount_minor,
            currency: &invoice.currency,
            idempotency_key: &invoice.idempotency_key,
        }
    }

    /// Hands an open invoice to the provider; returns where the buyer pays it.
    pub async fn to_checkout(scope: &TenantScope, invoice: &Invoice) -> Result<String, AppError> {
        let page = scope
            .context()
            .payments
            .start_checkout(&payment(scope, invoice))
            .await?;
        tracing::info!(invoice = %invoice.id, "checkout started");
        Ok(match page {
            CheckoutPage::InPortal(path) => scope.href(&path),
            CheckoutPage::External(url) => url,
        })
    }

    /// Starts checkout of a plan; returns the provider's payment page.
    pub async fn subscribe(scope: &TenantScope, raw_plan: &str) -> Result<String, AppError> {
        scope.require(Feature::Ecommerce)?;
        let member = scope.viewer().require(Permission::Learn)?;
        let plan = guards::id(raw_plan)?;
        let tx = scope.begin().await?;
        let invoice = lifecycle::subscribe(&tx, member.user_id, plan, Utc::now()).await?;
        tx.commit().await?;
        to_checkout(scope, &invoice).await
    }

    /// Starts buying a product; returns the provider's payment page.
    pub async fn buy(scope: &TenantScope, raw_product: &str) -> Result<String, AppError> {
        scope.require(Feature::Ecommerce)?;
        let member = scope.viewer().require(Permission::Learn)?;
        let product = guards::id(raw_product)?;
        let tx = scope.begin().await?;
        let invoice = sales::buy(&tx, member.user_id, product).await?;
        tx.commit().await?;
        to_checkout(scope, &invoice).await
    }

    /// The caller's own invoice; another person's is as good as missing.
    async fn own_invoice(
        tx: &crate::data::TenantTx,
        user: uuid::Uuid,
        raw: &str,
    ) -> Result<Invoice, AppError> {
        payments::find_invoice(tx, guards::id(raw)?)
            .await?
            .filter(|i| i.user_id == user)
            .ok_or(AppError::NotFound)
    }

    /// The simulated provider's page exists only while the simulation is the provider.
    fn simulated(scope: &TenantScope) -> Result<(), AppError> {
        if scope.context().payments.is_simulated() {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    pub async fn payment_page(
        scope: &TenantScope,
        raw_invoice: &str,
    ) -> Result<PaymentPageView, AppError> {
        scope.require(Feature::Ecommerce)?;
        simulated(scope)?;
        let member = scope.viewer().require(Permission::Learn)?;
        let tx = scope.begin().await?;
        let invoice = own_invoice(&tx, member.user_id, raw_invoice).await?;
        tx.commit().await?;
        Ok(PaymentPageView {
            invoice_id: invoice.id,
            description: invoice.description,
            amount: money(invoice.amount_minor, invoice.currency),
            status: InvoiceStatus::parse(&invoice.status).unwrap_or(InvoiceStatus::Open),
            return_to: scope.href("/account/subscription"),
        })
    }

    /// The buyer pays or declines on the simulated page; the result is applied at once.
    pub async fn confirm(
        scope: &TenantScope,
        raw_invoice: &str,
        choice: &str,
    ) -> Result<String, AppError> {
        scope.require(Feature::Ecommerce)?;
        simulated(scope)?;
        let member = scope.viewer().require(Permission::Learn)?;
        let tx = scope.begin().await?;
        let invoice = own_invoice(&tx, member.user_id, raw_invoice).await?;
        if invoice.status != "open" {
            return Err(FormError::AlreadyPaid.into());
        }
        sales::ensure_available(&tx, &invoice).await?;
        let outcome = scope
            .context()
            .payments
            .confirm(&payment(scope, &invoice), choice)
            .await?;
        let change = subscriptions::Change {
            cause: ChangeCause::Payment,
            actor: Some(member.user_id),
            reason: match outcome {
                Outcome::Paid => "checkout paid",
                Outcome::Declined { .. } => "checkout declined",
            },
        };
        let paid = outcome == Outcome::Paid;
        lifecycle::settle(&tx, &invoice, paid, change, Utc::now()).await?;
        // A bought course opens at once: the buyer goes straight to it.
        let course = match invoice.product_id {
            Some(product) if paid => match plans::product_course(&tx, product).await? {
                Some(id) => courses::find(&tx, id).await?,
                None => None,
            },
            _ => None,
        };
        tx.commit().await?;
        Ok(match (course, paid) {
            (Some(course), _) => scope.href(&format!("/courses/{}", course.slug)),
            (None, true) => scope.href("/account/subscription?payment=paid"),
            (None, false) => scope.href("/account/subscription?payment=declined"),
        })
    }

    pub async fn my_billing(scope: &TenantScope) -> Result<MyBillingView, AppError> {
        scope.require(Feature::Ecommerce)?;
        let member = scope.viewer().require(Permission::Learn)?;
        let tx = scope.begin().await?;
        let subs = subscriptions::of_member(&tx, member.user_id).await?;
        let invoices = payments::invoices_of(&tx, member.user_id).await?;
        let card = if scope.context().payments.is_simulated() {
            Some(simulated_payments::card_declines(&tx, member.user_id).await?)
        } else {
            None
        };
        tx.commit().await?;
        Ok(MyBillingView {
            subscriptions: subs
                .into_iter()
                .filter_map(|s| {
                    let can_pay_to_resume =
                        s.state == "suspended" && lifecycle::suspended_for_payment(&s.last_cause);
                    Some(SubscriptionView {
                        id: s.id,
                        plan_id: s.plan_id,
                        plan_name: s.plan_name,
                        price: money(s.amount_minor, s.currency),
                        interval: BillingInterval::parse(&s.billing_interval)?,
                        state: SubscriptionState::parse(&s.state)?,
                        period_end: s.current_period_end.map(crate::model::billing::day),
                        cancel_at_period_end: s.cancel_at_period_end,
                        open_invoice: s.open_invoice,
                        can_pay_to_resume,
                    })
                })
                .collect(),
            invoices: invoices
                .into_iter()
                .map(|i| InvoiceLine {
                    id: i.id,
                    description: i.description,
                    amount: money(i.amount_minor, i.currency),
                    status: InvoiceStatus::parse(&i.status).unwrap_or(InvoiceStatus::Open),
                    created_at: crate::model::billing::day(i.created_at),
                    paid_at: i.paid_at.map(crate::model::billing::day),
                })
                .collect(),
            simulated_card_declines: card,
        })
    }

    /// Cancels (at period end) or keeps one of the caller's subscriptions.
    pub async fn set_cancelled(
        scope: &TenantScope,
        raw_id: &str,
        cancel: bool,
    ) -> Result<String, AppError> {
        scope.require(Feature::Ecommerce)?;
        let member = scope.viewer().require(Permission::Learn)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        if cancel {
            lifecycle::cancel(&tx, member.user_id, id).await?;
        } else {
            lifecycle::keep(&tx, member.user_id, id).await?;
        }
        tx.commit().await?;
        Ok(scope.href("/account/subscription"))
    }

    /// The simulation's control: make the member's saved card decline renewals (or not).
    pub async fn set_card(scope: &TenantScope, declines: bool) -> Result<String, AppError> {
        scope.require(Feature::Ecommerce)?;
        simulated(scope)?;
        let member = scope.viewer().require(Permission::Learn)?;
        let tx = scope.begin().await?;
        simulated_payments::set_card(&tx, member.user_id, declines).await?;
        tx.commit().await?;
        Ok(scope.href("/account/subscription"))
    }
}

#[cfg(feature = "ssr")]
pub(crate) use imp::to_checkout;

/// The portal's plans and products, as the viewer may buy them.
#[server]
pub async fn pricing() -> Result<PricingView, AppError> {
    crate::request::serve(async |scope| imp::pricing(scope).await).await
}

/// Starts checkout of a plan; returns where to pay.
#[server]
pub async fn subscribe(plan_id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/pricing", &[], async |scope| {
        imp::subscribe(scope, &plan_id).await.map(finish_form)
    })
    .await
}

/// Starts buying a one-off product; returns where to pay.
#[server]
pub async fn buy_product(product_id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/pricing", &[], async |scope| {
        imp::buy(scope, &product_id).await.map(finish_form)
    })
    .await
}

/// The simulated provider's payment page for one of the viewer's invoices.
#[server]
pub async fn payment_page(invoice_id: String) -> Result<PaymentPageView, AppError> {
    crate::request::serve(async |scope| imp::payment_page(scope, &invoice_id).await).await
}

/// Pays (`choice=pay`) or declines (`choice=decline`) on the simulated payment page.
#[server]
pub async fn confirm_payment(invoice_id: String, choice: String) -> Result<String, AppError> {
    use crate::model::url::encode;
    use crate::request::{finish_form, serve_form};
    let back = format!("/pay/{}", encode(&invoice_id));
    serve_form(&back, &[], async |scope| {
        imp::confirm(scope, &invoice_id, &choice)
            .await
            .map(finish_form)
    })
    .await
}

/// The viewer's subscriptions and invoices.
#[server]
pub async fn my_billing() -> Result<MyBillingView, AppError> {
    crate::request::serve(async |scope| imp::my_billing(scope).await).await
}

/// Cancels one of the viewer's subscriptions at the end of its period (an unpaid one at once).
#[server]
pub async fn cancel_subscription(subscription_id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/account/subscription", &[], async |scope| {
        imp::set_cancelled(scope, &subscription_id, true)
            .await
            .map(finish_form)
    })
    .await
}

/// Keeps a subscription the viewer had cancelled at period end.
#[server]
pub async fn keep_subscription(subscription_id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/account/subscription", &[], async |scope| {
        imp::set_cancelled(scope, &subscription_id, false)
            .await
            .map(finish_form)
    })
    .await
}

/// Simulated provider only: whether the viewer's saved card declines renewals.
#[server]
pub async fn set_simulated_card(declines: bool) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/account/subscription", &[], async |scope| {
        imp::set_card(scope, declines).await.map(finish_form)
    })
    .await
}
