//! The partners' own business models (seed 000): a monthly plan and a one-off offer each, in
//! cents of US dollars.

use crate::data::db::TenantTx;
use crate::data::repos::plans::{self, NewPlan, NewProduct};
use crate::model::subscription::BillingInterval;
use sea_orm::DbErr;

pub struct Offer {
    pub tenant: &'static str,
    pub plan: &'static str,
    /// Courses (by slug) only the plan's subscribers reach.
    pub plan_courses: &'static [&'static str],
    pub plan_description: &'static str,
    pub monthly_minor: i64,
    pub product: &'static str,
    pub product_description: &'static str,
    pub product_minor: i64,
}

pub const OFFERS: &[Offer] = &[
    Offer {
        tenant: "5q",
        plan: "5Q Membership",
        plan_courses: &["apest-team-dynamics"],
        plan_description: "Every members-only course and the assessments area.",
        monthly_minor: 2900,
        product: "5Q Assessment",
        product_description: "The full 5Q assessment with a personal report.",
        product_minor: 19900,
    },
    Offer {
        tenant: "movement-leaders",
        plan: "Movement Leaders Membership",
        plan_courses: &[],
        plan_description: "Every course and the leaders' community.",
        monthly_minor: 4900,
        product: "Coaching Program",
        product_description: "Twelve weeks of one-to-one coaching.",
        product_minor: 129900,
    },
    Offer {
        tenant: "100-movements",
        plan: "100 Movements Membership",
        plan_courses: &[],
        plan_description: "Every course and the practitioners' community.",
        monthly_minor: 3900,
        product: "Training Intensive",
        product_description: "A three-day training intensive.",
        product_minor: 89900,
    },
    Offer {
        tenant: "forge",
        plan: "Forge Membership",
        plan_courses: &[],
        plan_description: "Every course in the Forge library.",
        monthly_minor: 1900,
        product: "Forge Workshop",
        product_description: "A one-day hands-on workshop.",
        product_minor: 59900,
    },
    Offer {
        tenant: "future-travelers",
        plan: "Future Travelers Membership",
        plan_courses: &[],
        plan_description: "Every course and the quarterly briefings.",
        monthly_minor: 9900,
        product: "Consulting Package",
        product_description: "A consulting engagement for your organisation.",
        product_minor: 249900,
    },
];

/// Creates the tenant's plan and product, if it has an offer.
pub async fn create(tx: &TenantTx, tenant: &str) -> Result<(), DbErr> {
    for offer in OFFERS.iter().filter(|o| o.tenant == tenant) {
        let plan = plans::create(
            tx,
            NewPlan {
                name: offer.plan,
                description: offer.plan_description,
                interval: BillingInterval::Month,
                amount_minor: offer.monthly_minor,
                grants_level: None,
                grants_assessments: true,
            },
        )
        .await?;
        for slug in offer.plan_courses {
            if !plans::grant_course_by_slug(tx, plan, slug).await? {
                return Err(DbErr::RecordNotFound(format!("demo course {slug}")));
            }
        }
        plans::create_product(
            tx,
            NewProduct {
                name: offer.product,
                description: offer.product_description,
                amount_minor: offer.product_minor,
                grants_course: None,
                grants_assessments: true,
            },
        )
        .await?;
    }
    Ok(())
}
