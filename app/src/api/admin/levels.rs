//! Member levels: the tenant's ordered list (add, rename, reorder, delete), which level new
//! members get, and each member's level.

use crate::error::AppError;
use crate::model::levels::LevelInfo;
use leptos::server;

#[cfg(feature = "ssr")]
pub(super) mod imp {
    use crate::data::repos::{audit, levels};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::FormError;
    use crate::model::levels::{LevelInfo, MAX_LEVELS, level_name};
    use crate::request::TenantScope;
    use uuid::Uuid;

    fn name_taken(e: &sea_orm::DbErr) -> bool {
        matches!(
            e.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        )
    }

    /// `""` means "no level"; anything else must be one of this tenant's levels.
    pub(crate) async fn optional_level(
        tx: &crate::data::TenantTx,
        raw: &str,
    ) -> Result<Option<Uuid>, AppError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let id = guards::id(raw)?;
        if levels::exists(tx, id).await? {
            Ok(Some(id))
        } else {
            Err(AppError::NotFound)
        }
    }

    pub async fn list(scope: &TenantScope) -> Result<Vec<LevelInfo>, AppError> {
        guards::admin(scope)?;
        let tx = scope.begin().await?;
        let rows = levels::list(&tx).await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .map(|l| LevelInfo {
                id: l.id.to_string(),
                name: l.name,
                is_default: l.is_default,
                members: u64::try_from(l.members).unwrap_or(0),
                courses: u64::try_from(l.courses).unwrap_or(0),
            })
            .collect())
    }

    async fn audited(
        scope: &TenantScope,
        action: &str,
        subject: &str,
        details: serde_json::Value,
        change: impl AsyncFnOnce(&crate::data::TenantTx) -> Result<(), AppError>,
    ) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let tx = scope.begin().await?;
        change(&tx).await?;
        audit::record(&tx, Some(me.user_id), action, subject, details).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add(scope: &TenantScope, raw_name: &str) -> Result<(), AppError> {
        let name = level_name(raw_name)?;
        audited(
            scope,
            "level.added",
            &name,
            serde_json::json!({}),
            async |tx| {
                if levels::list(tx).await?.len() >= MAX_LEVELS {
                    return Err(FormError::TooManyLevels.into());
                }
                match levels::add(tx, &name).await {
                    Err(e) if name_taken(&e) => Err(FormError::LevelNameTaken.into()),
                    other => other.map(|_| ()).map_err(AppError::from),
                }
            },
        )
        .await
    }

    pub async fn rename(scope: &TenantScope, raw_id: &str, raw_name: &str) -> Result<(), AppError> {
        let id = guards::id(raw_id)?;
        let name = level_name(raw_name)?;
        audited(
            scope,
            "level.renamed",
            &id.to_string(),
            serde_json::json!({ "name": name }),
            async |tx| match levels::rename(tx, id, &name).await {
                Ok(true) => Ok(()),
                Ok(false) => Err(AppError::NotFound),
                Err(e) if name_taken(&e) => Err(FormError::LevelNameTaken.into()),
                Err(e) => Err(e.into()),
            },
        )
        .await
    }

    pub async fn shift(scope: &TenantScope, raw_id: &str, direction: &str) -> Result<(), AppError> {
        let id = guards::id(raw_id)?;
        let up = match direction {
            "up" => true,
            "down" => false,
            _ => return Err(AppError::BadRequest("Move a level up or down.".into())),
        };
        audited(
            scope,
            "level.moved",
            &id.to_string(),
            serde_json::json!({ "direction": direction }),
            async |tx| {
                if !levels::exists(tx, id).await? {
                    return Err(AppError::NotFound);
                }
                // Already at that end: nothing to do.
                levels::shift(tx, id, up).await?;
                Ok(())
            },
        )
        .await
    }

    pub async fn delete(scope: &TenantScope, raw_id: &str) -> Result<(), AppError> {
        let id = guards::id(raw_id)?;
        audited(
            scope,
            "level.deleted",
            &id.to_string(),
            serde_json::json!({}),
            async |tx| match levels::delete(tx, id).await {
                Ok(true) => Ok(()),
                Ok(false) => Err(AppError::NotFound),
                Err(e)
                    if matches!(
                        e.sql_err(),
                        Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_))
                    ) =>
                {
                    Err(FormError::LevelInUse.into())
                }
                Err(e) => Err(e.into()),
            },
        )
        .await
    }

    pub async fn set_member_level(
        scope: &TenantScope,
        raw_user: &str,
        raw_level: &str,
    ) -> Result<(), AppError> {
        let user = guards::id(raw_user)?;
        let details = serde_json::json!({ "level": raw_level.trim() });
        audited(
            scope,
            "member.level_changed",
            &user.to_string(),
            details,
            async |tx| {
                let level = optional_level(tx, raw_level).await?;
                if levels::set_member_level(tx, user, level).await? {
                    Ok(())
                } else {
                    Err(AppError::NotFound)
                }
            },
        )
        .await
    }
}

/// The tenant's member levels, lowest first, with their use.
#[server]
pub async fn admin_levels() -> Result<Vec<LevelInfo>, AppError> {
    crate::request::serve(async |scope| imp::list(scope).await).await
}

#[cfg(feature = "ssr")]
fn done(code: &str) -> String {
    format!("/admin/levels?done={code}")
}

/// Adds a level above the existing ones.
#[server]
pub async fn add_level(name: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/levels", &[("name", name.trim())], async |scope| {
        imp::add(scope, &name).await?;
        Ok(finish_form(scope.href(&done("added"))))
    })
    .await
}

#[server]
pub async fn rename_level(id: String, name: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/levels", &[], async |scope| {
        imp::rename(scope, &id, &name).await?;
        Ok(finish_form(scope.href(&done("renamed"))))
    })
    .await
}

/// Moves a level one place `up` or `down` in the order.
#[server]
pub async fn move_level(id: String, direction: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/levels", &[], async |scope| {
        imp::shift(scope, &id, &direction).await?;
        Ok(finish_form(scope.href(&done("moved"))))
    })
    .await
}

/// Deletes a level no course requires; its members are left without a level.
#[server]
pub async fn delete_level(id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/levels", &[], async |scope| {
        imp::delete(scope, &id).await?;
        Ok(finish_form(scope.href(&done("deleted"))))
    })
    .await
}

/// Gives a member a level (`level` empty: none). Takes effect on their next request.
#[server]
pub async fn set_member_level(user_id: String, level: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/members", &[], async |scope| {
        imp::set_member_level(scope, &user_id, &level).await?;
        Ok(finish_form(scope.href("/admin/members?done=level")))
    })
    .await
}
