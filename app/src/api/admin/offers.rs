//! The tenant's storefront for its admins: plans (price, interval, what they grant, which
//! levels may buy them) and one-off products. A price change adds a price: subscribers keep the
//! one they signed at. Offers are archived, never deleted, since subscriptions and invoices name
//! them.

use crate::error::AppError;
use crate::model::billing::OffersView;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::api::admin::levels::imp::optional_level;
    use crate::data::TenantTx;
    use crate::data::repos::plans::{self, NewPlan, NewProduct};
    use crate::data::repos::{audit, courses, levels, tenants};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::billing::{
        AdminPlan, AdminProduct, CourseChoice, Money, OffersView, grants_in_words, unit_separated,
    };
    use crate::model::levels::LevelChoice;
    use crate::model::subscription::BillingInterval;
    use crate::model::{Feature, FormError};
    use crate::request::TenantScope;
    use uuid::Uuid;

    pub async fn view(scope: &TenantScope) -> Result<OffersView, AppError> {
        scope.require(Feature::Ecommerce)?;
        guards::admin(scope)?;
        let tx = scope.begin().await?;
        let currency = tenants::currency(&tx).await?;
        let plan_rows = plans::admin_list(&tx).await?;
        let product_rows = plans::admin_products(&tx).await?;
        let level_names = levels::names(&tx).await?;
        let course_rows = courses::list_all(&tx).await?;
        let events_secret = crate::data::repos::payments::webhook_secret(&tx).await?;
        tx.commit().await?;
        let plans = plan_rows
            .into_iter()
            .map(|p| {
                let grants = grants_in_words(
                    p.level_name.as_deref(),
                    p.grants_assessments,
                    unit_separated(&p.course_titles),
                );
                AdminPlan {
                    id: p.id,
                    name: p.name,
                    description: p.description,
                    price: Money {
                        minor: p.amount_minor,
                        currency: p.currency,
                    },
                    interval: BillingInterval::parse(&p.billing_interval)
                        .unwrap_or(BillingInterval::Month),
                    grants,
                    for_levels: unit_separated(&p.for_levels).map(str::to_owned).collect(),
                    archived: p.status == "archived",
                    subscribers: u64::try_from(p.subscribers).unwrap_or(0),
                }
            })
            .collect();
        let products = product_rows
            .into_iter()
            .map(|p| {
                let grants = grants_in_words(None, p.grants_assessments, p.course_title.as_deref());
                AdminProduct {
                    id: p.id,
                    name: p.name,
                    description: p.description,
                    price: Money {
                        minor: p.amount_minor,
                        currency: p.currency,
                    },
                    grants,
                    archived: p.status == "archived",
                }
            })
            .collect();
        Ok(OffersView {
            currency,
            events_path: scope.href("/payments/events"),
            events_secret,
            assessments_sold: scope.tenant().assessments_sold(),
            plans,
            products,
            levels: level_names
                .into_iter()
                .map(|(id, name)| LevelChoice {
                    id: id.to_string(),
                    name,
                })
                .collect(),
            courses: course_rows
                .into_iter()
                .map(|c| CourseChoice {
                    id: c.id,
                    title: c.title,
                })
                .collect(),
        })
    }

    /// A trimmed name (1 to 80 characters) and description (up to 500).
    fn texts(name: &str, description: &str) -> Result<(String, String), AppError> {
        let name = name.trim();
        let description = description.trim();
        if name.is_empty() {
            return Err(FormError::TitleRequired.into());
        }
        if name.chars().count() > 80 || description.chars().count() > 500 {
            return Err(FormError::TooLong.into());
        }
        if name
            .chars()
            .chain(description.chars())
            .any(|c| c.is_control() && c != '\n' && c != '\r')
        {
            return Err(FormError::ControlCharacters.into());
        }
        Ok((name.to_owned(), description.to_owned()))
    }

    fn name_taken(e: sea_orm::DbErr) -> AppError {
        match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => FormError::OfferNameTaken.into(),
            _ => e.into(),
        }
    }

    async fn price(tx: &TenantTx, raw: &str) -> Result<i64, AppError> {
        let currency = tenants::currency(tx).await?;
        Money::parse_minor(raw, &currency).ok_or_else(|| FormError::PriceInvalid.into())
    }

    /// Runs `change` for an admin in one transaction with its audit entry.
    async fn audited(
        scope: &TenantScope,
        action: &str,
        change: impl AsyncFnOnce(&TenantTx) -> Result<String, AppError>,
    ) -> Result<(), AppError> {
        scope.require(Feature::Ecommerce)?;
        let me = guards::admin(scope)?;
        let tx = scope.begin().await?;
        let subject = change(&tx).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            action,
            &subject,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub struct PlanForm<'a> {
        pub name: &'a str,
        pub description: &'a str,
        pub price: &'a str,
        pub interval: &'a str,
        pub grants_level: &'a str,
        pub grants_assessments: bool,
        pub courses: &'a [String],
        pub levels: &'a [String],
    }

    pub async fn create_plan(scope: &TenantScope, form: PlanForm<'_>) -> Result<(), AppError> {
        let (name, description) = texts(form.name, form.description)?;
        let interval = BillingInterval::parse(form.interval)
            .ok_or_else(|| AppError::BadRequest("Choose monthly or yearly.".into()))?;
        audited(scope, "plan.created", async |tx| {
            let amount_minor = price(tx, form.price).await?;
            let grants_level = optional_level(tx, form.grants_level).await?;
            let mut courses = Vec::new();
            for raw in form.courses.iter().filter(|r| !r.trim().is_empty()) {
                courses.push(guards::course(tx, raw).await?.id);
            }
            let mut allowed = Vec::new();
            for raw in form.levels.iter().filter(|r| !r.trim().is_empty()) {
                allowed.push(optional_level(tx, raw).await?.ok_or(AppError::NotFound)?);
            }
            let plan = plans::create(
                tx,
                NewPlan {
                    name: &name,
                    description: &description,
                    interval,
                    amount_minor,
                    grants_level,
                    grants_assessments: form.grants_assessments,
                },
            )
            .await
            .map_err(name_taken)?;
            for course in courses {
                plans::grant_course(tx, plan, course).await?;
            }
            for level in allowed {
                plans::allow_level(tx, plan, level).await?;
            }
            Ok(name.clone())
        })
        .await
    }

    pub async fn reprice(scope: &TenantScope, raw_plan: &str, raw: &str) -> Result<(), AppError> {
        let plan = guards::id(raw_plan)?;
        audited(scope, "plan.repriced", async |tx| {
            let amount = price(tx, raw).await?;
            plans::find(tx, plan).await?.ok_or(AppError::NotFound)?;
            plans::set_price(tx, plan, amount).await?;
            Ok(plan.to_string())
        })
        .await
    }

    pub async fn set_active(
        scope: &TenantScope,
        table: Table,
        raw_id: &str,
        active: bool,
    ) -> Result<(), AppError> {
        let id: Uuid = guards::id(raw_id)?;
        let action = match (table, active) {
            (Table::Plans, true) => "plan.restored",
            (Table::Plans, false) => "plan.archived",
            (Table::Products, true) => "product.restored",
            (Table::Products, false) => "product.archived",
        };
        audited(scope, action, async |tx| {
            let found = match table {
                Table::Plans => plans::set_plan_active(tx, id, active).await?,
                Table::Products => plans::set_product_active(tx, id, active).await?,
            };
            if found {
                Ok(id.to_string())
            } else {
                Err(AppError::NotFound)
            }
        })
        .await
    }

    #[derive(Clone, Copy)]
    pub enum Table {
        Plans,
        Products,
    }

    pub async fn create_product(
        scope: &TenantScope,
        name: &str,
        description: &str,
        raw_price: &str,
        raw_course: &str,
        grants_assessments: bool,
    ) -> Result<(), AppError> {
        let (name, description) = texts(name, description)?;
        audited(scope, "product.created", async |tx| {
            let amount_minor = price(tx, raw_price).await?;
            let course = match raw_course.trim() {
                "" => None,
                raw => Some(guards::course(tx, raw).await?.id),
            };
            plans::create_product(
                tx,
                NewProduct {
                    name: &name,
                    description: &description,
                    amount_minor,
                    grants_course: course,
                    grants_assessments,
                },
            )
            .await
            .map_err(name_taken)?;
            Ok(name.clone())
        })
        .await
    }
}

#[cfg(feature = "ssr")]
fn done(scope: &crate::request::TenantScope, code: &str) -> String {
    crate::request::finish_form(scope.href(&format!("/admin/offers?done={code}")))
}

/// The tenant's plans and products, with the levels and courses they may grant.
#[server]
pub async fn admin_offers() -> Result<OffersView, AppError> {
    crate::request::serve(async |scope| imp::view(scope).await).await
}

/// Adds a plan. `courses[i]` and `levels[i]` are ids; no levels means every member may buy it.
#[allow(clippy::too_many_arguments)]
#[server]
pub async fn create_plan(
    name: String,
    description: String,
    price: String,
    interval: String,
    grants_level: String,
    grants_assessments: Option<String>,
    courses: Option<Vec<String>>,
    levels: Option<Vec<String>>,
) -> Result<String, AppError> {
    let keep = [("name", name.as_str())];
    crate::request::serve_form("/admin/offers", &keep, async |scope| {
        let form = imp::PlanForm {
            name: &name,
            description: &description,
            price: &price,
            interval: &interval,
            grants_level: &grants_level,
            grants_assessments: grants_assessments.is_some(),
            courses: courses.as_deref().unwrap_or_default(),
            levels: levels.as_deref().unwrap_or_default(),
        };
        imp::create_plan(scope, form).await?;
        Ok(done(scope, "plan"))
    })
    .await
}

/// Gives a plan a new price for new subscribers.
#[server]
pub async fn reprice_plan(plan_id: String, price: String) -> Result<String, AppError> {
    crate::request::serve_form("/admin/offers", &[], async |scope| {
        imp::reprice(scope, &plan_id, &price).await?;
        Ok(done(scope, "price"))
    })
    .await
}

/// Archives (`active=false`) or restores a plan. Its subscribers keep it either way.
#[server]
pub async fn set_plan_active(plan_id: String, active: bool) -> Result<String, AppError> {
    crate::request::serve_form("/admin/offers", &[], async |scope| {
        imp::set_active(scope, imp::Table::Plans, &plan_id, active).await?;
        Ok(done(scope, if active { "restored" } else { "archived" }))
    })
    .await
}

/// Adds a one-off product (optionally granting one course and the assessments area).
#[server]
pub async fn create_product(
    name: String,
    description: String,
    price: String,
    grants_course: String,
    grants_assessments: Option<String>,
) -> Result<String, AppError> {
    let keep = [("name", name.as_str())];
    let assessments = grants_assessments.is_some();
    crate::request::serve_form("/admin/offers", &keep, async |scope| {
        imp::create_product(
            scope,
            &name,
            &description,
            &price,
            &grants_course,
            assessments,
        )
        .await?;
        Ok(done(scope, "product"))
    })
    .await
}

/// Archives (`active=false`) or restores a product.
#[server]
pub async fn set_product_active(product_id: String, active: bool) -> Result<String, AppError> {
    crate::request::serve_form("/admin/offers", &[], async |scope| {
        imp::set_active(scope, imp::Table::Products, &product_id, active).await?;
        Ok(done(scope, if active { "restored" } else { "archived" }))
    })
    .await
}
