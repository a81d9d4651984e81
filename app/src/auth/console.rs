//! The platform console's side of "who is asking": a super admin, loaded with the console
//! session before the request is handled (server/src/console_layer.rs), and the one way console
//! server functions run (`serve_console`): as that super admin, through the platform role, with
//! an audit entry naming what they did and why.

use crate::data::PlatformTx;
use crate::data::repos::console_sessions::SuperAdmin;
use crate::data::repos::platform_audit::{self, Entry};
use crate::error::AppError;
use crate::request::{RequestContext, RequestSite, respond};
use leptos::prelude::use_context;
use uuid::Uuid;

/// Server side: a console request made by a super admin. Obtainable only on the platform host
/// with a live console session whose person is still a super admin; anything else is a 404, so
/// the console does not reveal that it exists.
pub struct ConsoleScope {
    ctx: RequestContext,
    admin: SuperAdmin,
}

impl ConsoleScope {
    pub fn current() -> Result<Self, AppError> {
        let ctx = use_context::<RequestContext>()
            .ok_or_else(|| AppError::internal("request context missing"))?;
        Self::from_context(ctx)
    }

    pub fn from_context(ctx: RequestContext) -> Result<Self, AppError> {
        match (&ctx.site, ctx.console_admin.clone()) {
            (RequestSite::Platform, Some(admin)) => Ok(Self { ctx, admin }),
            _ => Err(AppError::NotFound),
        }
    }

    pub fn admin(&self) -> &SuperAdmin {
        &self.admin
    }

    pub fn context(&self) -> &RequestContext {
        &self.ctx
    }

    /// A platform transaction for reading, with the audit entry for `action` already written
    /// in it. Committing it leaves the tenant cache alone.
    pub async fn read(&self, action: &str, tenant: Option<Uuid>) -> Result<PlatformTx, AppError> {
        let tx = PlatformTx::begin_reading(&self.ctx.db, action).await?;
        self.audit(&tx, action, tenant, "", serde_json::json!({}))
            .await?;
        Ok(tx)
    }

    /// A platform transaction for a change, with its audit entry (and the reason given) already
    /// written in it: the entry is kept exactly when the change is.
    pub async fn change(
        &self,
        action: &str,
        tenant: Option<Uuid>,
        reason: &str,
        details: serde_json::Value,
    ) -> Result<PlatformTx, AppError> {
        let tx = self.begin_change(action).await?;
        self.audit(&tx, action, tenant, reason, details).await?;
        Ok(tx)
    }

    /// A platform transaction for reading whose audit entry the caller writes (`audit`) once it
    /// knows which tenant the reading is about.
    pub async fn begin_read(&self, action: &str) -> Result<PlatformTx, AppError> {
        Ok(PlatformTx::begin_reading(&self.ctx.db, action).await?)
    }

    /// A platform transaction for a change whose audit entry the caller writes (`audit`) once it
    /// knows what it changed (a tenant it has just created, say), before committing.
    /// The super admin is the acting person for the row audit of everything it changes.
    pub async fn begin_change(&self, action: &str) -> Result<PlatformTx, AppError> {
        let tx = PlatformTx::begin(&self.ctx.db, action).await?;
        tx.act_as(self.admin.id).await?;
        Ok(tx)
    }

    /// Writes the audit entry for `action` in `tx`.
    pub async fn audit(
        &self,
        tx: &PlatformTx,
        action: &str,
        tenant: Option<Uuid>,
        reason: &str,
        details: serde_json::Value,
    ) -> Result<(), AppError> {
        platform_audit::record(
            tx,
            Entry {
                actor: Some(self.admin.id),
                action,
                tenant,
                reason,
                details,
            },
        )
        .await?;
        tracing::info!(target: "atrium::audit", admin = %self.admin.id, action, reason, "console action");
        Ok(())
    }
}

/// How every console server function runs: as the request's super admin (anyone else gets the
/// same 404 as an unknown page), with its result's HTTP status.
pub async fn serve_console<T>(
    body: impl AsyncFnOnce(&ConsoleScope) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let result = match ConsoleScope::current() {
        Ok(scope) => body(&scope).await,
        Err(e) => Err(e),
    };
    respond(result)
}
