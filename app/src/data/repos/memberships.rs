use crate::data::db::{PlatformTx, TenantTx};
use crate::data::entities::membership::{self, ActiveModel, Column, Entity};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Adds a member with `role`, at the tenant's default member level (if it has one).
pub async fn add(tx: &TenantTx, user_id: Uuid, role: &str) -> Result<membership::Model, DbErr> {
    let level = super::levels::default_level(tx).await?;
    ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        user_id: Set(user_id),
        role: Set(role.to_owned()),
        level_id: Set(level),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// A membership added as platform work (provisioning a tenant's first owner), in the platform
/// transaction that created the tenant.
pub async fn add_as_platform(
    tx: &PlatformTx,
    tenant_id: Uuid,
    user_id: Uuid,
    role: &str,
) -> Result<membership::Model, DbErr> {
    ActiveModel {
        tenant_id: Set(tenant_id),
        user_id: Set(user_id),
        role: Set(role.to_owned()),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

pub async fn find(tx: &TenantTx, user_id: Uuid) -> Result<Option<membership::Model>, DbErr> {
    Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::UserId.eq(user_id))
        .one(tx.conn())
        .await
}
