//! Invitations: an admin invites an address with a role; the link goes out through the outbox
//! (or is shown to the admin to share when this server sends no mail), can be renewed or revoked
//! while open, and is used up by `api::invitations::accept_invitation`.

use crate::error::AppError;
use crate::model::admin::InvitationList;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::Member;
    use crate::data::repos::invitations::{self, VALID_FOR_DAYS};
    use crate::data::repos::{audit, members};
    use crate::domain::provisioning::random_token;
    use crate::domain::{guards, quotas};
    use crate::error::AppError;
    use crate::jobs::mail_delivery;
    use crate::mail::Mail;
    use crate::model::admin::{
        InvitationLink, InvitationList, InvitationRow, InvitationState, MailState, may_assign,
    };
    use crate::model::auth::email_is_valid;
    use crate::model::{FormError, Role};
    use crate::request::TenantScope;

    /// Where the link just made waits for the next page of the admin who made it.
    const FRESH_KEY: &str = "admin.fresh_invitation";

    fn link(scope: &TenantScope, token: &str) -> String {
        scope.mode().absolute(
            scope.tenant().slug(),
            &format!("/invitation?token={token}"),
            &scope.context().origin,
        )
    }

    fn mail(scope: &TenantScope, me: &Member, to: &str, role: Role, link: &str) -> Mail {
        let org = scope.tenant().name();
        Mail {
            to: to.to_owned(),
            subject: format!("You're invited to join {org}"),
            body: format!(
                "{inviter} invited you to join {org} as {role}.\n\n\
                 Accept the invitation here:\n{link}\n\n\
                 The link works once and expires in {VALID_FOR_DAYS} days. If you weren't \
                 expecting this, you can ignore this email.\n",
                inviter = me.display_name,
                role = role.label().to_lowercase(),
            ),
        }
    }

    /// Keeps the link for the admin's next page (a plain form post ends in a redirect).
    async fn show_once(scope: &TenantScope, fresh: InvitationLink) -> Result<(), AppError> {
        scope
            .session()?
            .insert(FRESH_KEY, (fresh.email, fresh.link, fresh.mailed))
            .await
            .map_err(AppError::internal)
    }

    async fn take_fresh(scope: &TenantScope) -> Result<Option<InvitationLink>, AppError> {
        let taken: Option<(String, String, bool)> = scope
            .session()?
            .remove(FRESH_KEY)
            .await
            .map_err(AppError::internal)?;
        Ok(taken.map(|(email, link, mailed)| InvitationLink {
            email,
            link,
            mailed,
        }))
    }

    pub async fn invite(
        scope: &TenantScope,
        email: &str,
        raw_role: &str,
        raw_level: &str,
    ) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let email = email.trim();
        if !email_is_valid(email) {
            return Err(AppError::Form(FormError::EmailInvalid));
        }
        let role = Role::parse(raw_role.trim()).ok_or(AppError::Form(FormError::RoleInvalid))?;
        may_assign(me.role, role)?;
        let token = random_token();
        let link = link(scope, &token);
        let tx = scope.begin().await?;
        let level = crate::api::admin::levels::imp::optional_level(&tx, raw_level).await?;
        if members::has_email(&tx, email).await? {
            return Err(AppError::Form(FormError::AlreadyMember));
        }
        match invitations::open_for_email(&tx, email).await? {
            Some((_, false)) => return Err(AppError::Form(FormError::InvitationPending)),
            // An expired one makes way for the new one.
            Some((old, true)) => {
                invitations::revoke(&tx, old).await?;
            }
            None => {}
        }
        let id =
            invitations::create(&tx, email, role.as_str(), level, Some(me.user_id), &token).await?;
        quotas::within_members(scope, &tx).await?;
        let message = mail(scope, &me, email, role, &link);
        mail_delivery::queue(&tx, Some(id), &message, chrono::Utc::now()).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "member.invited",
            email,
            serde_json::json!({ "role": role.as_str(), "invitation": id }),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(invitation = %id, role = role.as_str(), "invitation made");
        let mailed = scope.context().mail_delivers;
        show_once(
            scope,
            InvitationLink {
                email: email.to_owned(),
                link,
                mailed,
            },
        )
        .await
    }

    pub async fn renew(scope: &TenantScope, raw_id: &str) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let id = guards::id(raw_id)?;
        let token = random_token();
        let link = link(scope, &token);
        let tx = scope.begin().await?;
        let (email, role) = invitations::renew(&tx, id, &token)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = Role::parse(&role).ok_or(AppError::NotFound)?;
        may_assign(me.role, role)?;
        // An expired invitation counts again once renewed.
        quotas::within_members(scope, &tx).await?;
        let message = mail(scope, &me, &email, role, &link);
        mail_delivery::queue(&tx, Some(id), &message, chrono::Utc::now()).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "member.invitation_renewed",
            &email,
            serde_json::json!({ "invitation": id }),
        )
        .await?;
        tx.commit().await?;
        let mailed = scope.context().mail_delivers;
        show_once(
            scope,
            InvitationLink {
                email,
                link,
                mailed,
            },
        )
        .await
    }

    pub async fn revoke(scope: &TenantScope, raw_id: &str) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        if !invitations::revoke(&tx, id).await? {
            return Err(AppError::NotFound);
        }
        audit::record(
            &tx,
            Some(me.user_id),
            "member.invitation_revoked",
            &id.to_string(),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn list(scope: &TenantScope) -> Result<InvitationList, AppError> {
        let me = guards::admin(scope)?;
        let tx = scope.begin().await?;
        let rows = invitations::list(&tx).await?;
        let levels = crate::data::repos::levels::names(&tx).await?;
        tx.commit().await?;
        let fresh = take_fresh(scope).await?;
        Ok(InvitationList {
            rows: rows
                .into_iter()
                .filter_map(|i| {
                    let state = if i.accepted_at.is_some() {
                        InvitationState::Accepted
                    } else if i.revoked_at.is_some() {
                        InvitationState::Revoked
                    } else if i.expired {
                        InvitationState::Expired
                    } else {
                        InvitationState::Pending
                    };
                    Some(InvitationRow {
                        id: i.id.to_string(),
                        role: Role::parse(&i.role)?,
                        level: i.level_name,
                        email: i.email,
                        state,
                        expires: i.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                        invited_by: i.invited_by,
                        mail: i.mail_status.as_deref().and_then(MailState::parse),
                    })
                })
                .collect(),
            mail_delivers: scope.context().mail_delivers,
            viewer_is_owner: me.role == Role::Owner,
            levels: levels
                .into_iter()
                .map(|(id, name)| crate::model::levels::LevelChoice {
                    id: id.to_string(),
                    name,
                })
                .collect(),
            fresh,
        })
    }
}

/// This organisation's invitations (open ones first), and a link just made, once.
#[server]
pub async fn admin_invitations() -> Result<InvitationList, AppError> {
    crate::request::serve(async |scope| imp::list(scope).await).await
}

/// Invites an address with a role (and a member level; empty: the default): a single-use link valid for seven days, emailed through the
/// outbox; the admin's next page shows it to copy.
#[server]
pub async fn invite_member(
    email: String,
    role: String,
    #[server(default)] level: String,
) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    let keep = [("email", email.trim()), ("role", role.as_str())];
    serve_form("/admin/invitations", &keep, async |scope| {
        imp::invite(scope, &email, &role, &level).await?;
        Ok(finish_form(scope.href("/admin/invitations")))
    })
    .await
}

/// A new link for an open invitation (the old one stops working), valid for seven more days.
#[server]
pub async fn renew_invitation(id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/invitations", &[], async |scope| {
        imp::renew(scope, &id).await?;
        Ok(finish_form(scope.href("/admin/invitations")))
    })
    .await
}

/// Revokes an open invitation: its link stops working at once.
#[server]
pub async fn revoke_invitation(id: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/invitations", &[], async |scope| {
        imp::revoke(scope, &id).await?;
        Ok(finish_form(scope.href("/admin/invitations?done=revoked")))
    })
    .await
}
