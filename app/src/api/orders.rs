//! Buying a priced course: a real order with a simulated payment step.

use crate::error::AppError;
use crate::model::learning::CheckoutView;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::{Member, Permission};
    use crate::data::TenantTx;
    use crate::data::entities::order;
    use crate::data::repos::{audit, courses, enrollments, orders};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::learning::CheckoutView;
    use crate::model::{Feature, FormError};
    use crate::request::TenantScope;

    /// The caller's own order by id; another person's order is as good as missing.
    async fn own_order(
        tx: &TenantTx,
        member: &Member,
        raw_id: &str,
    ) -> Result<order::Model, AppError> {
        let id = guards::id(raw_id)?;
        orders::find(tx, id)
            .await?
            .filter(|o| o.user_id == member.user_id)
            .ok_or(AppError::NotFound)
    }

    pub async fn view(scope: &TenantScope, raw_id: &str) -> Result<CheckoutView, AppError> {
        scope.require(Feature::Ecommerce)?;
        let tx = scope.begin().await?;
        let member = scope.viewer().require(Permission::Learn)?;
        let order = own_order(&tx, &member, raw_id).await?;
        let course = match order.course_id {
            Some(id) => courses::find(&tx, id).await?,
            None => None,
        };
        tx.commit().await?;
        Ok(CheckoutView {
            order_id: order.id,
            course_slug: course.map(|c| c.slug).unwrap_or_default(),
            course_title: order.course_title,
            amount_cents: order.amount_cents,
            currency: order.currency,
            status: order.status,
        })
    }

    /// The simulated payment: marks the order paid and enrols the buyer.
    pub async fn pay(scope: &TenantScope, raw_id: &str) -> Result<String, AppError> {
        scope.require(Feature::Ecommerce)?;
        let tx = scope.begin().await?;
        let member = scope.viewer().require(Permission::Learn)?;
        let order = own_order(&tx, &member, raw_id).await?;
        let course = match order.course_id {
            Some(id) => courses::find(&tx, id).await?,
            None => None,
        }
        .filter(|c| c.status == "published")
        .ok_or_else(|| AppError::BadRequest("This course is no longer available.".into()))?;
        if !orders::mark_paid(&tx, order.id).await? {
            return Err(AppError::Form(FormError::AlreadyPaid));
        }
        enrollments::enroll(&tx, course.id, member.user_id).await?;
        let details = serde_json::json!({ "order": order.id, "amount_cents": order.amount_cents });
        audit::record(
            &tx,
            Some(member.user_id),
            "order.paid",
            &course.slug,
            details,
        )
        .await?;
        tx.commit().await?;
        Ok(scope.href(&format!("/courses/{}", course.slug)))
    }

    /// Refunds a paid order (admins): the order is marked refunded and the enrolment ends.
    pub async fn refund(scope: &TenantScope, raw_id: &str) -> Result<(), AppError> {
        scope.require(Feature::Ecommerce)?;
        let admin = scope.viewer().require(Permission::Administer)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        let order = orders::find(&tx, id).await?.ok_or(AppError::NotFound)?;
        if !orders::mark_refunded(&tx, order.id).await? {
            return Err(AppError::BadRequest(
                "Only paid orders can be refunded.".into(),
            ));
        }
        if let Some(course_id) = order.course_id {
            enrollments::remove(&tx, course_id, order.user_id).await?;
        }
        audit::record(
            &tx,
            Some(admin.user_id),
            "order.refunded",
            &order.id.to_string(),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The viewer's own order, for the checkout page.
#[server]
pub async fn checkout(order_id: String) -> Result<CheckoutView, AppError> {
    crate::request::serve(async |scope| imp::view(scope, &order_id).await).await
}

/// Pays an order (simulated) and enrols; returns the course page.
#[server]
pub async fn pay_order(order_id: String) -> Result<String, AppError> {
    use crate::model::url::encode;
    use crate::request::{finish_form, serve_form};
    let back = format!("/checkout/{}", encode(&order_id));
    serve_form(&back, &[], async |scope| {
        imp::pay(scope, &order_id).await.map(finish_form)
    })
    .await
}

/// Refunds a paid order; admins only.
#[server]
pub async fn refund_order(order_id: String) -> Result<(), AppError> {
    crate::request::serve(async |scope| imp::refund(scope, &order_id).await).await
}
