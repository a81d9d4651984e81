use crate::data::db::TenantTx;
use crate::data::entities::audit_log::{self, ActiveModel};
use sea_orm::{ActiveModelTrait, DbErr, Set};
use uuid::Uuid;

/// Appends an entry to this tenant's audit log (the table refuses updates and deletes).
pub async fn record(
    tx: &TenantTx,
    actor_user_id: Option<Uuid>,
    action: &str,
    subject: &str,
    details: serde_json::Value,
) -> Result<audit_log::Model, DbErr> {
    ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        actor_user_id: Set(actor_user_id),
        action: Set(action.to_owned()),
        subject: Set(subject.to_owned()),
        details: Set(details),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}
