//! A support session inside the portal: entering it with the console's single-use link, and
//! leaving it. While it lasts, every request and change is recorded with the super admin as
//! actor and impersonator (auth::session::load, the row audit triggers).

use crate::error::AppError;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::{sessions, support_sessions};
    use crate::data::session_store::{SUPPORT_KEY, USER_KEY};
    use crate::error::AppError;
    use crate::model::FormError;
    use crate::model::support::SupportGrant;
    use crate::request::TenantScope;

    pub async fn enter(scope: &TenantScope, token: &str) -> Result<String, AppError> {
        let well_formed =
            (32..=128).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric());
        if !well_formed {
            return Err(AppError::Form(FormError::SupportEntryInvalid));
        }
        // An ordinary transaction: the way in is used up even when the session is read-only.
        let tx = scope.tenant().begin(scope.db()).await?;
        let live = match support_sessions::enter(&tx, &sessions::hash_id(token)).await? {
            // Its person must still be a super admin.
            Some(live) if support_sessions::is_live(&tx, live.id).await? => Some(live),
            _ => None,
        };
        tx.commit().await?;
        let live = live.ok_or(AppError::Form(FormError::SupportEntryInvalid))?;
        let grant = SupportGrant {
            id: live.id,
            admin_id: live.admin_user_id,
            admin_name: live.admin_name,
            expires_at: live.expires_at.timestamp(),
            write: live.write_access,
        };
        let session = scope.session()?;
        session.cycle_id().await.map_err(AppError::internal)?;
        session
            .insert(USER_KEY, grant.admin_id)
            .await
            .map_err(AppError::internal)?;
        session
            .insert(SUPPORT_KEY, &grant)
            .await
            .map_err(AppError::internal)?;
        if let Ok(ends) = time::OffsetDateTime::from_unix_timestamp(grant.expires_at) {
            session.set_expiry(Some(tower_sessions::Expiry::AtDateTime(ends)));
        }
        session.save().await.map_err(AppError::internal)?;
        tracing::info!(support_session = %grant.id, admin = %grant.admin_id, "support session entered");
        Ok(scope.href("/"))
    }

    pub async fn leave(scope: &TenantScope) -> Result<String, AppError> {
        let grant = scope.support().cloned().ok_or(AppError::Forbidden)?;
        // Recorded as the super admin's own act, even in a read-only session.
        let tx = scope
            .tenant()
            .begin_support(scope.db(), grant.admin_id, true)
            .await?;
        support_sessions::end(&tx, grant.id).await?;
        tx.commit().await?;
        scope.session()?.flush().await.map_err(AppError::internal)?;
        tracing::info!(support_session = %grant.id, "support session left");
        let console = format!("/console/tenants/{}", scope.tenant().slug());
        Ok(scope.context().origin.platform_url(&console))
    }
}

/// Enters a support session with the console's link (a POST, so no link preview or prefetch can
/// use the link up).
#[server]
pub async fn enter_support(token: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/support", &[], async |scope| {
        imp::enter(scope, &token).await.map(finish_form)
    })
    .await
}

/// Leaves the support session: it ends for good, and the super admin is back in the console.
#[server]
pub async fn leave_support() -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/", &[], async |scope| {
        imp::leave(scope).await.map(finish_form)
    })
    .await
}
