//! Signing in and out of one portal, and reading the request's session before anything else.

use super::Viewer;
use crate::data::repos::sessions;
use crate::data::session_store::{USER_KEY, load_with_person};
use crate::data::{Db, ResolvedTenant};
use crate::error::AppError;
use crate::model::support::SupportGrant;
use tower_sessions::Session;
use tower_sessions::session::{Id, Record};
use uuid::Uuid;

/// The session a request arrived with and the person behind it, read in one short transaction
/// before any handler runs. The record goes to the session store (so tower-sessions does not
/// read it again while a handler holds a transaction); the viewer goes to the request context.
pub struct Arrived {
    pub record: Option<Record>,
    pub viewer: Viewer,
    /// Set in a support session that is still on.
    pub support: Option<SupportGrant>,
}

/// `request` ("GET /courses") goes into the tenant's audit log in a support session.
pub async fn load(
    db: &Db,
    tenant: &ResolvedTenant,
    id: &Id,
    request: &str,
) -> Result<Arrived, AppError> {
    let loaded = load_with_person(db, tenant, id, request).await?;
    let viewer = match (loaded.person, &loaded.support) {
        // A super admin in a support session sees the portal as an admin of it would.
        (Some(person), Some(_)) => Viewer::supporting(person),
        (person, _) => person.map_or(Viewer::Anonymous, Viewer::signed_in),
    };
    Ok(Arrived {
        record: loaded.record,
        viewer,
        support: loaded.support,
    })
}

/// Signs `user_id` in to this portal: a fresh session id (so an id planted before sign-in is
/// worthless), and beyond the tenant's limit the person's oldest sessions end.
pub async fn start(
    db: &Db,
    tenant: &ResolvedTenant,
    session: &Session,
    user_id: Uuid,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(AppError::internal)?;
    session
        .insert(USER_KEY, user_id)
        .await
        .map_err(AppError::internal)?;
    session.save().await.map_err(AppError::internal)?;
    let tx = tenant.begin(db).await?;
    let ended = sessions::keep_newest(&tx, user_id, tenant.max_sessions()).await?;
    tx.commit().await?;
    if ended > 0 {
        tracing::info!(user = %user_id, ended, "oldest sessions ended: limit reached");
    }
    Ok(())
}

/// Signs out: the session is deleted on the server and its cookie cleared.
pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(AppError::internal)
}
