//! The admin's payments list: every invoice of the tenant (plan periods, offers and courses
//! bought on their own), with refunds.

use super::billing::{InvoiceLine, InvoiceStatus};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentRow {
    pub invoice: InvoiceLine,
    pub member_name: String,
    pub member_email: String,
}

impl PaymentRow {
    /// Only money taken can be given back.
    pub fn refundable(&self) -> bool {
        self.invoice.status == InvoiceStatus::Paid
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentsView {
    pub rows: Vec<PaymentRow>,
    /// The status shown, if the list is filtered.
    pub status: Option<InvoiceStatus>,
}
