//! One-off sales: an offer from the tenant's pricing page, or a priced course bought on its own
//! (through the course's own product). Each is an invoice paid through the provider; paying it
//! grants the product's course, and an admin's refund takes that back.

use crate::data::TenantTx;
use crate::data::entities::course;
use crate::data::repos::payments::{self, Billed, Invoice, NewInvoice};
use crate::data::repos::plans::{self, ProductPrice};
use crate::data::repos::{audit, course_products, courses, enrollments};
use crate::error::AppError;
use uuid::Uuid;

/// Starts buying an offer (a product of the offers editor), or returns its unpaid invoice.
pub async fn buy(tx: &TenantTx, user: Uuid, product_id: Uuid) -> Result<Invoice, AppError> {
    let product = plans::find_product(tx, product_id)
        .await?
        // A course's own product is bought from the course page, where its rules are checked.
        .filter(|p| p.status == "active" && p.kind == "offer")
        .ok_or(AppError::NotFound)?;
    open_for(tx, user, &product).await
}

/// Starts buying a priced course at its current price, or returns its unpaid invoice. The caller
/// has checked that the member may reach the course.
pub async fn buy_course(
    tx: &TenantTx,
    user: Uuid,
    course: &course::Model,
) -> Result<Invoice, AppError> {
    let product = course_products::for_sale(tx, course).await?;
    open_for(tx, user, &product).await
}

/// The member's open invoice for the product at its current price: one opened at an older price
/// is voided, so nobody pays yesterday's price by accident.
async fn open_for(tx: &TenantTx, user: Uuid, product: &ProductPrice) -> Result<Invoice, AppError> {
    if let Some(open) = payments::open_product_invoice(tx, user, product.id).await? {
        let current = payments::find_invoice(tx, open).await?;
        match current {
            Some(invoice)
                if invoice.amount_minor == product.amount_minor
                    && invoice.currency == product.currency =>
            {
                return Ok(invoice);
            }
            _ => {
                payments::void_invoice(tx, open).await?;
            }
        }
    }
    let id = payments::open_invoice(
        tx,
        NewInvoice {
            user,
            billed: Billed::Product(product.id),
            amount_minor: product.amount_minor,
            currency: &product.currency,
            idempotency_key: &format!("product:{}", Uuid::new_v4()),
        },
    )
    .await?;
    payments::find_invoice(tx, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Refuses paying for a course that is no longer on offer (unpublished or deleted since the
/// checkout began), before any money moves.
pub async fn ensure_available(tx: &TenantTx, invoice: &Invoice) -> Result<(), AppError> {
    let Some(product) = invoice.product_id else {
        return Ok(());
    };
    let kind = plans::find_product(tx, product).await?.map(|p| p.kind);
    let published = match plans::product_course(tx, product).await? {
        Some(course) => courses::find(tx, course)
            .await?
            .is_some_and(|c| c.status == "published"),
        None => kind.as_deref() != Some("course"),
    };
    if published {
        Ok(())
    } else {
        Err(AppError::BadRequest(
            "This course is no longer available.".into(),
        ))
    }
}

/// A paid product's course: the buyer is enrolled.
pub async fn grant(tx: &TenantTx, user: Uuid, product: Uuid) -> Result<(), AppError> {
    if let Some(course) = plans::product_course(tx, product).await? {
        enrollments::enroll(tx, course, user).await?;
    }
    Ok(())
}

/// Records a refund the provider made (or had made before): the invoice is marked refunded and
/// a product's course is taken back (progress is kept, as when anyone leaves a course).
pub async fn record_refund(tx: &TenantTx, admin: Uuid, invoice: &Invoice) -> Result<(), AppError> {
    if !payments::mark_refunded(tx, invoice.id).await? {
        return Err(AppError::BadRequest(
            "Only a paid invoice can be refunded.".into(),
        ));
    }
    if let Some(product) = invoice.product_id
        && let Some(course) = plans::product_course(tx, product).await?
    {
        enrollments::remove(tx, course, invoice.user_id).await?;
    }
    audit::record(
        tx,
        Some(admin),
        "invoice.refunded",
        &invoice.id.to_string(),
        serde_json::json!({ "amount_minor": invoice.amount_minor, "currency": invoice.currency }),
    )
    .await?;
    Ok(())
}
