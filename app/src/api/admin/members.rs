//! Members: the searchable list, changing a role, removing someone.

use crate::error::AppError;
use crate::model::admin::MemberPage;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::data::repos::{audit, levels, members};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::admin::{MEMBERS_PER_PAGE, MemberPage, MemberQuery, MemberRow, may_assign};
    use crate::model::levels::LevelChoice;
    use crate::model::{FormError, Role};
    use crate::request::TenantScope;

    pub async fn list(scope: &TenantScope, query: MemberQuery) -> Result<MemberPage, AppError> {
        let me = guards::admin(scope)?;
        let tx = scope.begin().await?;
        let (rows, total) = members::page(&tx, &query).await?;
        let levels = levels::names(&tx).await?;
        tx.commit().await?;
        let day = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d").to_string();
        Ok(MemberPage {
            rows: rows
                .into_iter()
                .filter_map(|m| {
                    Some(MemberRow {
                        is_you: m.user_id == me.user_id,
                        user_id: m.user_id.to_string(),
                        role: Role::parse(&m.role)?,
                        level: m.level_id.zip(m.level_name).map(|(id, name)| LevelChoice {
                            id: id.to_string(),
                            name,
                        }),
                        display_name: m.display_name,
                        email: m.email,
                        joined: day(m.created_at),
                        last_active: m.last_active.map(day),
                    })
                })
                .collect(),
            total,
            page: query.page,
            pages: total.div_ceil(MEMBERS_PER_PAGE).max(1),
            viewer_is_owner: me.role == Role::Owner,
            levels: levels
                .into_iter()
                .map(|(id, name)| LevelChoice {
                    id: id.to_string(),
                    name,
                })
                .collect(),
        })
    }

    fn role(raw: &str) -> Result<Role, AppError> {
        Role::parse(raw.trim()).ok_or(AppError::Form(FormError::RoleInvalid))
    }

    pub async fn change_role(
        scope: &TenantScope,
        raw_user: &str,
        raw_role: &str,
    ) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let user = guards::id(raw_user)?;
        let role = role(raw_role)?;
        may_assign(me.role, role)?;
        let tx = scope.begin().await?;
        let current = members::role_for_update(&tx, user)
            .await?
            .ok_or(AppError::NotFound)?;
        may_assign(me.role, current)?;
        if current == role {
            return Ok(());
        }
        if current == Role::Owner && members::other_owners(&tx, user).await? == 0 {
            return Err(AppError::Form(FormError::LastOwner));
        }
        members::set_role(&tx, user, role).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "member.role_changed",
            &user.to_string(),
            serde_json::json!({ "from": current.as_str(), "to": role.as_str() }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(member = %user, from = current.as_str(), to = role.as_str(), "role changed");
        Ok(())
    }

    pub async fn remove(scope: &TenantScope, raw_user: &str) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let user = guards::id(raw_user)?;
        let tx = scope.begin().await?;
        let current = members::role_for_update(&tx, user)
            .await?
            .ok_or(AppError::NotFound)?;
        may_assign(me.role, current)?;
        if current == Role::Owner && members::other_owners(&tx, user).await? == 0 {
            return Err(AppError::Form(FormError::LastOwner));
        }
        let subscriptions_ended =
            crate::domain::billing::lifecycle::end_for_departing_member(&tx, me.user_id, user)
                .await?;
        let ended = members::remove(&tx, user).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "member.removed",
            &user.to_string(),
            serde_json::json!({
                "role": current.as_str(),
                "sessions_ended": ended,
                "subscriptions_ended": subscriptions_ended,
            }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(member = %user, sessions_ended = ended, "member removed");
        Ok(())
    }
}

/// One page of this organisation's members, searched by name or email and filtered by role.
#[server]
pub async fn admin_members(
    q: String,
    role: String,
    #[server(default)] level: String,
    page: String,
) -> Result<MemberPage, AppError> {
    use crate::model::admin::MemberQuery;
    let query = MemberQuery::from_params(Some(q), Some(role), Some(level), Some(page));
    crate::request::serve(async |scope| imp::list(scope, query).await).await
}

/// Gives a member another role. Only owners make or change owners; the last owner stays one.
#[server]
pub async fn change_member_role(user_id: String, role: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/members", &[], async |scope| {
        imp::change_role(scope, &user_id, &role).await?;
        Ok(finish_form(scope.href("/admin/members?done=role")))
    })
    .await
}

/// Removes a member; their sessions here end at once.
#[server]
pub async fn remove_member(user_id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/members", &[], async |scope| {
        imp::remove(scope, &user_id).await?;
        Ok(finish_form(scope.href("/admin/members?done=removed")))
    })
    .await
}
