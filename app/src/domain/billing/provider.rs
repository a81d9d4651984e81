//! The payment provider interface. Atrium never holds card data: a provider takes the buyer's
//! payment on its own page (checkout), charges a saved method for renewals, refunds, and tells
//! Atrium what happened through signed events. Every charge carries an idempotency key naming
//! one attempt, so asking again after a crash cannot charge twice.

use async_trait::async_trait;
use uuid::Uuid;

/// One charge attempt for an invoice.
#[derive(Debug, Clone)]
pub struct Payment<'a> {
    pub tenant_id: Uuid,
    pub invoice: Uuid,
    pub user: Uuid,
    pub amount_minor: i64,
    pub currency: &'a str,
    /// Names this attempt: the provider charges once per key however often it is asked.
    pub idempotency_key: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Paid,
    Declined { reason: String },
}

/// Where a buyer pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckoutPage {
    /// A page of the portal itself (a path inside it; the simulated provider's page).
    InPortal(String),
    /// The provider's hosted page.
    External(String),
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The provider could not be reached or failed; nothing is known to have been charged.
    #[error("payment provider unavailable: {0}")]
    Unavailable(String),
    /// The provider does not know this payment or reference.
    #[error("payment provider refused the request: {0}")]
    Refused(String),
}

impl From<PaymentError> for crate::error::AppError {
    fn from(e: PaymentError) -> Self {
        tracing::warn!(error = %e, "payment provider call failed");
        match e {
            PaymentError::Unavailable(_) => Self::Network,
            PaymentError::Refused(_) => {
                Self::BadRequest("The payment could not be completed. Please try again.".into())
            }
        }
    }
}

#[async_trait]
pub trait PaymentProvider: Send + Sync {
    /// Shown to admins and written to the logs.
    fn name(&self) -> &'static str;

    /// Whether this is the built-in simulation (pages then offer its controls).
    fn is_simulated(&self) -> bool {
        false
    }

    /// Starts a checkout with the buyer present; returns where to send them.
    async fn start_checkout(&self, payment: &Payment<'_>) -> Result<CheckoutPage, PaymentError>;

    /// Confirms a checkout the buyer finished on the provider's page; `reference` is what that
    /// page handed back (for the simulation, the buyer's choice).
    async fn confirm(
        &self,
        payment: &Payment<'_>,
        reference: &str,
    ) -> Result<Outcome, PaymentError>;

    /// Charges the buyer's saved method without them present (renewals and retries).
    async fn charge(&self, payment: &Payment<'_>) -> Result<Outcome, PaymentError>;

    /// Refunds the charge made under `idempotency_key`; `false` if there is nothing to refund.
    async fn refund(&self, tenant_id: Uuid, idempotency_key: &str) -> Result<bool, PaymentError>;
}
