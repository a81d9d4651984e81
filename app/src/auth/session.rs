use crate::data::repos::sessions;
use crate::data::session_store::USER_KEY;
use crate::data::{Db, ResolvedTenant};
use crate::error::AppError;
use tower_sessions::Session;
use uuid::Uuid;

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
