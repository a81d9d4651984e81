//! Outgoing mail waiting for the `mail.send` job (migration 0020): written by a tenant in the
//! transaction of what it announces, handed over by the job as platform work.

use crate::data::db::{PlatformTx, TenantTx};
use crate::mail::Mail;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement};
use uuid::Uuid;

/// Adds a message to this tenant's outbox; returns its id.
pub async fn add(tx: &TenantTx, invitation: Option<Uuid>, mail: &Mail) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    tx.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO outbox (tenant_id, id, invitation_id, recipient, subject, body) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            [
                tx.tenant_id().into(),
                id.into(),
                invitation.into(),
                mail.to.as_str().into(),
                mail.subject.as_str().into(),
                mail.body.as_str().into(),
            ],
        ))
        .await?;
    Ok(id)
}

#[derive(Debug, FromQueryResult)]
struct Queued {
    recipient: String,
    subject: String,
    body: String,
}

/// A message still waiting to be handed over, if it is.
pub async fn queued_as_platform(
    tx: &PlatformTx,
    tenant: Uuid,
    id: Uuid,
) -> Result<Option<Mail>, DbErr> {
    let row = Queued::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT recipient, subject, body FROM outbox \
         WHERE tenant_id = $1 AND id = $2 AND status = 'queued' FOR UPDATE",
        [tenant.into(), id.into()],
    ))
    .one(tx.conn())
    .await?;
    Ok(row.map(|q| Mail {
        to: q.recipient,
        subject: q.subject,
        body: q.body,
    }))
}

/// Records what became of a message and clears its body (it may hold a single-use link).
pub async fn mark_handled_as_platform(
    tx: &PlatformTx,
    tenant: Uuid,
    id: Uuid,
    status: &str,
    error: &str,
) -> Result<(), DbErr> {
    tx.conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE outbox SET status = $3, last_error = $4, body = '', handled_at = now() \
             WHERE tenant_id = $1 AND id = $2",
            [tenant.into(), id.into(), status.into(), error.into()],
        ))
        .await?;
    Ok(())
}
