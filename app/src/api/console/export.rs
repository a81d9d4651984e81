//! Exporting a tenant from the console. The archive itself is streamed by the server's
//! `POST /console/tenants/<slug>/export` route (`data::export`); this is the check and the audit
//! entry that come first.

#[cfg(feature = "ssr")]
pub mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::tenants;
    use crate::error::AppError;
    use crate::model::new_tenant::checked_reason;
    use uuid::Uuid;

    /// The tenant an export was granted for.
    pub struct Granted {
        pub tenant_id: Uuid,
        pub slug: String,
    }

    /// Checks the reason, finds the tenant and records the export in the trail (committed before
    /// the first byte is sent, so no export goes unrecorded).
    pub async fn grant(
        scope: &ConsoleScope,
        slug: &str,
        reason: &str,
    ) -> Result<Granted, AppError> {
        let reason = checked_reason(reason).map_err(AppError::Form)?;
        let action = "console.tenant.exported";
        let tx = scope.begin_read(action).await?;
        let tenant = tenants::find_by_slug(&tx, slug)
            .await?
            .ok_or(AppError::NotFound)?;
        scope
            .audit(&tx, action, Some(tenant.id), &reason, serde_json::json!({}))
            .await?;
        tx.commit().await?;
        Ok(Granted {
            tenant_id: tenant.id,
            slug: tenant.slug,
        })
    }
}
