//! The default provider: a simulation that needs no external service. Its "hosted page" is the
//! portal's own payment page, where the buyer pays or declines; renewals charge a saved card
//! the member can set to decline. Its books (migration 0025) are written in a transaction of
//! their own, apart from the caller's, as a real provider's are: a job that crashes after the
//! charge and retries with the same key finds the charge already booked.

use super::provider::{CheckoutPage, Outcome, Payment, PaymentError, PaymentProvider};
use crate::data::Db;
use crate::data::TenantTx;
use crate::data::repos::simulated_payments::{self, NewCharge};
use async_trait::async_trait;
use uuid::Uuid;

pub struct SimulatedProvider {
    db: Db,
}

impl SimulatedProvider {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    async fn books(&self, tenant_id: Uuid) -> Result<TenantTx, PaymentError> {
        crate::data::begin_background(&self.db, tenant_id)
            .await
            .map_err(unavailable)
    }

    async fn book(&self, payment: &Payment<'_>, outcome: &str) -> Result<Outcome, PaymentError> {
        let tx = self.books(payment.tenant_id).await?;
        let (outcome, booked) = simulated_payments::book(
            &tx,
            NewCharge {
                idempotency_key: payment.idempotency_key,
                user: payment.user,
                amount_minor: payment.amount_minor,
                currency: payment.currency,
                outcome,
            },
        )
        .await
        .map_err(unavailable)?;
        tx.commit().await.map_err(unavailable)?;
        tracing::info!(
            key = payment.idempotency_key,
            outcome,
            repeated = !booked,
            "simulated charge"
        );
        Ok(if outcome == "paid" {
            Outcome::Paid
        } else {
            Outcome::Declined {
                reason: "The card was declined.".into(),
            }
        })
    }
}

fn unavailable(e: sea_orm::DbErr) -> PaymentError {
    PaymentError::Unavailable(e.to_string())
}

#[async_trait]
impl PaymentProvider for SimulatedProvider {
    fn name(&self) -> &'static str {
        "simulated"
    }

    fn is_simulated(&self) -> bool {
        true
    }

    async fn start_checkout(&self, payment: &Payment<'_>) -> Result<CheckoutPage, PaymentError> {
        Ok(CheckoutPage::InPortal(format!("/pay/{}", payment.invoice)))
    }

    async fn confirm(
        &self,
        payment: &Payment<'_>,
        reference: &str,
    ) -> Result<Outcome, PaymentError> {
        match reference {
            "pay" => self.book(payment, "paid").await,
            "decline" => self.book(payment, "declined").await,
            other => Err(PaymentError::Refused(format!(
                "unknown reference {other:?}"
            ))),
        }
    }

    async fn charge(&self, payment: &Payment<'_>) -> Result<Outcome, PaymentError> {
        let tx = self.books(payment.tenant_id).await?;
        let declines = simulated_payments::card_declines(&tx, payment.user)
            .await
            .map_err(unavailable)?;
        tx.commit().await.map_err(unavailable)?;
        self.book(payment, if declines { "declined" } else { "paid" })
            .await
    }

    async fn refund(&self, tenant_id: Uuid, idempotency_key: &str) -> Result<bool, PaymentError> {
        let tx = self.books(tenant_id).await?;
        let done = simulated_payments::refund(&tx, idempotency_key)
            .await
            .map_err(unavailable)?;
        tx.commit().await.map_err(unavailable)?;
        Ok(done)
    }
}
