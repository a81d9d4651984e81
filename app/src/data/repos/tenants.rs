//! The tenant registry. Creating tenants and changing their status or domains is platform work.

use crate::data::db::{PlatformTx, TenantTx};
use crate::data::entities::{tenant, tenant_domain};
use crate::model::{Branding, Features, TenantSlug, Tier};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

pub struct NewTenant<'a> {
    pub slug: &'a TenantSlug,
    pub name: &'a str,
    pub tier: Tier,
    pub branding: &'a Branding,
    pub features: Features,
    pub settings: serde_json::Value,
}

pub async fn create(tx: &PlatformTx, new: NewTenant<'_>) -> Result<tenant::Model, DbErr> {
    tenant::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(new.slug.as_str().to_owned()),
        name: Set(new.name.trim().to_owned()),
        status: Set("active".to_owned()),
        tier: Set(new.tier.as_str().to_owned()),
        primary_color: Set(new.branding.primary.as_str().to_owned()),
        secondary_color: Set(new.branding.secondary.as_str().to_owned()),
        accent_color: Set(new.branding.accent.as_str().to_owned()),
        logo_url: Set(new.branding.logo.as_ref().map(|u| u.as_str().to_owned())),
        favicon_url: Set(new.branding.favicon.as_ref().map(|u| u.as_str().to_owned())),
        feature_courses: Set(new.features.courses),
        feature_assessments: Set(new.features.assessments),
        feature_community: Set(new.features.community),
        feature_ecommerce: Set(new.features.ecommerce),
        settings: Set(new.settings),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

pub async fn find_by_slug(tx: &PlatformTx, slug: &str) -> Result<Option<tenant::Model>, DbErr> {
    tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(slug))
        .one(tx.conn())
        .await
}

pub async fn set_suspended(tx: &PlatformTx, id: Uuid, suspended: bool) -> Result<bool, DbErr> {
    let result = tenant::Entity::update_many()
        .col_expr(
            tenant::Column::Status,
            sea_orm::sea_query::Expr::value(if suspended { "suspended" } else { "active" }),
        )
        .filter(tenant::Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// Adds a custom domain. Verification (a DNS check of `verification_token`) arrives with the
/// console; `verified` lets the platform record an already-checked domain.
pub async fn add_domain(
    tx: &PlatformTx,
    tenant_id: Uuid,
    host: &str,
    verified: bool,
) -> Result<tenant_domain::Model, DbErr> {
    tenant_domain::ActiveModel {
        tenant_id: Set(tenant_id),
        host: Set(host.to_lowercase()),
        verification_token: Set(Uuid::new_v4().simple().to_string()),
        verified_at: Set(verified.then(|| chrono::Utc::now().into())),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// What the platform may change about a tenant's portal; `None` leaves a value as it is.
#[derive(Default)]
pub struct PortalChanges<'a> {
    pub name: Option<&'a str>,
    pub branding: Option<&'a Branding>,
    pub features: Option<Features>,
    pub tier: Option<Tier>,
    pub settings: Option<serde_json::Value>,
}

/// Changes a tenant's name, branding, features, tier or settings. Returns false when there is no such tenant.
pub async fn update_portal(
    tx: &PlatformTx,
    id: Uuid,
    changes: PortalChanges<'_>,
) -> Result<bool, DbErr> {
    let mut row = tenant::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        ..Default::default()
    };
    if let Some(name) = changes.name {
        row.name = Set(name.trim().to_owned());
    }
    if let Some(b) = changes.branding {
        row.primary_color = Set(b.primary.as_str().to_owned());
        row.secondary_color = Set(b.secondary.as_str().to_owned());
        row.accent_color = Set(b.accent.as_str().to_owned());
        row.logo_url = Set(b.logo.as_ref().map(|u| u.as_str().to_owned()));
        row.favicon_url = Set(b.favicon.as_ref().map(|u| u.as_str().to_owned()));
    }
    if let Some(tier) = changes.tier {
        row.tier = Set(tier.as_str().to_owned());
    }
    if let Some(settings) = changes.settings {
        row.settings = Set(settings);
    }
    if let Some(f) = changes.features {
        row.feature_courses = Set(f.courses);
        row.feature_assessments = Set(f.assessments);
        row.feature_community = Set(f.community);
        row.feature_ecommerce = Set(f.ecommerce);
    }
    match row.update(tx.conn()).await {
        Ok(_) => Ok(true),
        Err(DbErr::RecordNotUpdated) => Ok(false),
        Err(e) => Err(e),
    }
}

/// A tenant's custom domains, by host.
pub async fn domains(tx: &PlatformTx, tenant_id: Uuid) -> Result<Vec<tenant_domain::Model>, DbErr> {
    use sea_orm::QueryOrder;
    tenant_domain::Entity::find()
        .filter(tenant_domain::Column::TenantId.eq(tenant_id))
        .order_by_asc(tenant_domain::Column::Host)
        .all(tx.conn())
        .await
}

/// Marks a domain verified (its DNS challenge was found); false if the tenant has no such host.
pub async fn mark_domain_verified(
    tx: &PlatformTx,
    tenant_id: Uuid,
    host: &str,
) -> Result<bool, DbErr> {
    let result = tenant_domain::Entity::update_many()
        .col_expr(
            tenant_domain::Column::VerifiedAt,
            sea_orm::sea_query::Expr::current_timestamp(),
        )
        .filter(tenant_domain::Column::TenantId.eq(tenant_id))
        .filter(tenant_domain::Column::Host.eq(host))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// Removes a custom domain; false if the tenant has no such host.
pub async fn remove_domain(tx: &PlatformTx, tenant_id: Uuid, host: &str) -> Result<bool, DbErr> {
    let result = tenant_domain::Entity::delete_many()
        .filter(tenant_domain::Column::TenantId.eq(tenant_id))
        .filter(tenant_domain::Column::Host.eq(host))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// Removes a tenant's row; every table holding its data follows by `ON DELETE CASCADE`.
/// Only the tenant-deletion job calls this. `false` if it was already gone.
pub async fn delete(tx: &PlatformTx, tenant: Uuid) -> Result<bool, DbErr> {
    let done = tenant::Entity::delete_by_id(tenant).exec(tx.conn()).await?;
    Ok(done.rows_affected == 1)
}

/// The transaction's own tenant's settings, locked until it ends (a tenant admin's edit merges
/// into the stored value, not a cached copy).
pub async fn own_settings_for_update(tx: &TenantTx) -> Result<serde_json::Value, DbErr> {
    use sea_orm::ConnectionTrait;
    let row = tx
        .conn()
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT settings FROM tenants WHERE id = $1 FOR UPDATE",
            [tx.tenant_id().into()],
        ))
        .await?
        .ok_or(DbErr::RecordNotFound("tenant".into()))?;
    row.try_get("", "settings")
}

/// Replaces the transaction's own tenant's settings (tenant admins may change only the columns
/// migration 0002 grants them).
pub async fn set_own_settings(tx: &TenantTx, settings: serde_json::Value) -> Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    tx.conn()
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "UPDATE tenants SET settings = $2 WHERE id = $1",
            [tx.tenant_id().into(), settings.into()],
        ))
        .await?;
    Ok(())
}

/// Switches the transaction's own tenant's features (the admin's features form).
pub async fn set_own_features(tx: &TenantTx, f: Features) -> Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    tx.conn()
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "UPDATE tenants SET feature_courses = $2, feature_assessments = $3, \
               feature_community = $4, feature_ecommerce = $5 WHERE id = $1",
            [
                tx.tenant_id().into(),
                f.courses.into(),
                f.assessments.into(),
                f.community.into(),
                f.ecommerce.into(),
            ],
        ))
        .await?;
    Ok(())
}

/// The transaction's own tenant's name and colours (the admins' branding form).
pub async fn set_own_branding(
    tx: &TenantTx,
    name: &str,
    colours: [&str; 3],
    settings: serde_json::Value,
) -> Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    let [primary, secondary, accent] = colours;
    tx.conn()
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "UPDATE tenants SET name = $2, primary_color = $3, secondary_color = $4, \
               accent_color = $5, settings = $6 WHERE id = $1",
            [
                tx.tenant_id().into(),
                name.into(),
                primary.into(),
                secondary.into(),
                accent.into(),
                settings.into(),
            ],
        ))
        .await?;
    Ok(())
}

/// Which branding image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrandImage {
    Logo,
    Favicon,
}

/// Sets (or clears) the transaction's own tenant's logo or favicon address.
pub async fn set_own_image(
    tx: &TenantTx,
    which: BrandImage,
    url: Option<&str>,
) -> Result<(), DbErr> {
    use sea_orm::ConnectionTrait;
    let sql = match which {
        BrandImage::Logo => "UPDATE tenants SET logo_url = $2 WHERE id = $1",
        BrandImage::Favicon => "UPDATE tenants SET favicon_url = $2 WHERE id = $1",
    };
    tx.conn()
        .execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            sql,
            [tx.tenant_id().into(), url.into()],
        ))
        .await?;
    Ok(())
}

/// The transaction's own tenant's currency (ISO 4217).
pub async fn currency(tx: &TenantTx) -> Result<String, DbErr> {
    use sea_orm::ConnectionTrait;
    let row = tx
        .conn()
        .query_one_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT currency FROM tenants WHERE id = $1",
            [tx.tenant_id().into()],
        ))
        .await?
        .ok_or(DbErr::RecordNotFound("tenant".into()))?;
    row.try_get("", "currency")
}
