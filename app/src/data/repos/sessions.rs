//! Stored sessions of one tenant. Callers pass the raw session id; only its hash is stored.

use crate::data::db::{PlatformTx, TenantTx};
use crate::data::entities::session::{ActiveModel, Column, Entity};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub fn hash_id(raw: &str) -> String {
    let digest = Sha256::digest(raw.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().into()
}

pub async fn exists(tx: &TenantTx, raw_id: &str) -> Result<bool, DbErr> {
    Ok(Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::IdHash.eq(hash_id(raw_id)))
        .count(tx.conn())
        .await?
        > 0)
}

pub async fn upsert(
    tx: &TenantTx,
    raw_id: &str,
    user_id: Option<Uuid>,
    data: serde_json::Value,
    expires_at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id_hash: Set(hash_id(raw_id)),
        user_id: Set(user_id),
        data: Set(data),
        expires_at: Set(expires_at),
        updated_at: Set(now()),
        ..Default::default()
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::TenantId, Column::IdHash])
                .update_columns([
                    Column::UserId,
                    Column::Data,
                    Column::ExpiresAt,
                    Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    Ok(())
}

/// The stored data and expiry, if the session exists and has not expired.
pub async fn load_live(
    tx: &TenantTx,
    raw_id: &str,
) -> Result<Option<(serde_json::Value, chrono::DateTime<chrono::FixedOffset>)>, DbErr> {
    Ok(Entity::find()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::IdHash.eq(hash_id(raw_id)))
        .filter(Column::ExpiresAt.gt(now()))
        .one(tx.conn())
        .await?
        .map(|s| (s.data, s.expires_at)))
}

pub async fn delete(tx: &TenantTx, raw_id: &str) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::IdHash.eq(hash_id(raw_id)))
        .exec(tx.conn())
        .await?;
    Ok(())
}

/// Ends the person's oldest sessions so that at most `max` remain; returns how many ended.
pub async fn keep_newest(tx: &TenantTx, user_id: Uuid, max: u64) -> Result<u64, DbErr> {
    let newest: Vec<String> = Entity::find()
        .select_only()
        .column(Column::IdHash)
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::ExpiresAt.gt(now()))
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::UpdatedAt)
        .limit(max)
        .into_tuple()
        .all(tx.conn())
        .await?;
    let result = Entity::delete_many()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::IdHash.is_not_in(newest))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected)
}

/// Ends every session of a tenant (it is being suspended), as platform work; returns how many.
pub async fn end_all_as_platform(tx: &PlatformTx, tenant_id: Uuid) -> Result<u64, DbErr> {
    let done = Entity::delete_many()
        .filter(Column::TenantId.eq(tenant_id))
        .exec(tx.conn())
        .await?;
    Ok(done.rows_affected)
}
