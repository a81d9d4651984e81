//! Payments: every invoice of the tenant, newest first, with a refund for paid ones. A refund
//! goes to the payment provider first; the invoice is then marked refunded and a bought course
//! is taken back.

use crate::error::AppError;
use crate::model::payments::PaymentsView;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::payments;
    use crate::domain::billing::sales;
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::Feature;
    use crate::model::billing::{InvoiceLine, InvoiceStatus, Money, day};
    use crate::model::payments::{PaymentRow, PaymentsView};
    use crate::request::TenantScope;

    const LIST_LIMIT: u64 = 500;

    pub async fn list(scope: &TenantScope, raw_status: &str) -> Result<PaymentsView, AppError> {
        scope.require(Feature::Ecommerce)?;
        guards::admin(scope)?;
        let status = match raw_status.trim() {
            "" | "all" => None,
            other => Some(
                InvoiceStatus::parse(other)
                    .ok_or_else(|| AppError::BadRequest("Choose a status from the list.".into()))?,
            ),
        };
        let tx = scope.begin().await?;
        let rows = payments::list(&tx, status.map(InvoiceStatus::as_str), LIST_LIMIT).await?;
        tx.commit().await?;
        Ok(PaymentsView {
            rows: rows
                .into_iter()
                .map(|r| PaymentRow {
                    invoice: InvoiceLine {
                        id: r.id,
                        description: r.description,
                        amount: Money {
                            minor: r.amount_minor,
                            currency: r.currency,
                        },
                        status: InvoiceStatus::parse(&r.status).unwrap_or(InvoiceStatus::Open),
                        created_at: day(r.created_at),
                        paid_at: r.paid_at.map(day),
                    },
                    member_name: r.member_name,
                    member_email: r.member_email,
                })
                .collect(),
            status,
        })
    }

    pub async fn refund(scope: &TenantScope, raw_id: &str) -> Result<(), AppError> {
        scope.require(Feature::Ecommerce)?;
        let admin = guards::admin(scope)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        let invoice = payments::find_invoice(&tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.commit().await?;
        if invoice.status != "paid" {
            return Err(AppError::BadRequest(
                "Only a paid invoice can be refunded.".into(),
            ));
        }
        // The provider first, outside any transaction: money moves only once per key, so a
        // retry after a failure below asks again harmlessly.
        let provider = &scope.context().payments;
        if !provider
            .refund(scope.tenant().id(), &invoice.idempotency_key)
            .await?
        {
            tracing::warn!(invoice = %invoice.id, provider = provider.name(),
                "the provider had nothing to refund; recording the refund anyway");
        }
        let tx = scope.begin().await?;
        sales::record_refund(&tx, admin.user_id, &invoice).await?;
        tx.commit().await?;
        tracing::info!(invoice = %invoice.id, "invoice refunded by an admin");
        Ok(())
    }
}

/// The tenant's invoices (`status` filters: "", "open", "paid", "failed", "void", "refunded").
#[server]
pub async fn admin_payments(status: String) -> Result<PaymentsView, AppError> {
    crate::request::serve(async |scope| imp::list(scope, &status).await).await
}

/// Refunds a paid invoice; returns the payments page.
#[server]
pub async fn refund_invoice(invoice_id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/payments", &[], async |scope| {
        imp::refund(scope, &invoice_id).await?;
        Ok(finish_form(scope.href("/admin/payments?done=refunded")))
    })
    .await
}
