//! Accepting an invitation: the person behind a single-use link joins the portal with the role
//! it names — a new person by choosing a name and password, someone with an Atrium account by
//! giving its password — and is signed in.

use crate::error::AppError;
use crate::model::InvitationInfo;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::api::auth::imp::{blocking, check_credentials, limited};
    use crate::auth::session;
    use crate::data::passwords;
    use crate::data::repos::{audit, invitations, levels, memberships, users};
    use crate::error::AppError;
    use crate::model::{FormError, InvitationInfo};
    use crate::request::TenantScope;
    use uuid::Uuid;

    fn well_formed(token: &str) -> Result<(), AppError> {
        let ok = (32..=128).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then_some(())
            .ok_or(AppError::Form(FormError::InvitationInvalid))
    }

    pub async fn preview(scope: &TenantScope, token: &str) -> Result<InvitationInfo, AppError> {
        well_formed(token)?;
        let tx = scope.begin().await?;
        let open = invitations::find_open(&tx, token).await?;
        tx.commit().await?;
        let open = open.ok_or(AppError::Form(FormError::InvitationInvalid))?;
        let existing = users::password_salt(scope.db(), &open.email)
            .await?
            .is_some();
        Ok(InvitationInfo {
            email: open.email,
            role: open.role,
            existing,
        })
    }

    /// An existing account proves it is theirs with its password (throttled like sign-in).
    async fn existing_account(
        scope: &TenantScope,
        email: &str,
        password: &str,
    ) -> Result<Uuid, AppError> {
        let ctx = scope.context();
        limited(ctx.limiter.check(email, ctx.client_ip).await)?;
        match check_credentials(scope.db(), email, password).await? {
            Some(id) => {
                ctx.limiter.succeeded(email, ctx.client_ip).await;
                Ok(id)
            }
            None => {
                ctx.limiter.failed(email, ctx.client_ip).await;
                Err(AppError::Form(FormError::InvalidCredentials))
            }
        }
    }

    /// A new person's name and password, checked and hashed.
    async fn new_credentials(
        name: &str,
        password: &str,
        email: &str,
    ) -> Result<(String, String), AppError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(AppError::Form(FormError::NameRequired));
        }
        if let Some(problem) = FormError::for_password(password, email) {
            return Err(AppError::Form(problem));
        }
        let owned = password.to_owned();
        let hash = blocking(move || passwords::hash(&owned))
            .await?
            .map_err(AppError::internal)?;
        Ok((name.to_owned(), hash))
    }

    pub async fn accept(
        scope: &TenantScope,
        token: &str,
        name: &str,
        password: &str,
    ) -> Result<String, AppError> {
        let info = preview(scope, token).await?;
        let (existing, new) = if info.existing {
            (
                Some(existing_account(scope, &info.email, password).await?),
                None,
            )
        } else {
            (
                None,
                Some(new_credentials(name, password, &info.email).await?),
            )
        };
        // Using the invitation up, the account and the membership happen together or not at all.
        let tx = scope.begin().await?;
        let open = invitations::find_open(&tx, token)
            .await?
            .ok_or(AppError::Form(FormError::InvitationInvalid))?;
        if !invitations::mark_accepted(&tx, open.id).await? {
            return Err(AppError::Form(FormError::InvitationInvalid));
        }
        let user_id = match (existing, new, open.user_id) {
            (Some(id), _, _) => id,
            // The console made the identity (a new tenant's first owner): it gets its password.
            (None, Some((name, hash)), Some(id)) => {
                users::set_first_password(&tx, id, &name, hash).await?;
                id
            }
            (None, Some((name, hash)), None) => {
                let new = users::NewUser {
                    email: &open.email,
                    display_name: &name,
                    password_hash: Some(hash),
                };
                match users::create(&tx, new).await {
                    Ok(user) => user.id,
                    // Someone made an account with this address since the page was shown.
                    Err(e)
                        if matches!(
                            e.sql_err(),
                            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                        ) =>
                    {
                        return Err(AppError::Form(FormError::AccountExists));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            (None, None, _) => return Err(AppError::internal("invitation without credentials")),
        };
        if memberships::find(&tx, user_id).await?.is_none() {
            memberships::add(&tx, user_id, &open.role).await?;
            if open.level_id.is_some() {
                levels::set_member_level(&tx, user_id, open.level_id).await?;
            }
        }
        audit::record(
            &tx,
            Some(user_id),
            "auth.invitation_accepted",
            &open.role,
            serde_json::json!({ "invitation": open.id, "existing_account": existing.is_some() }),
        )
        .await?;
        tx.commit().await?;
        session::start(scope.db(), scope.tenant(), scope.session()?, user_id).await?;
        tracing::info!(user = %user_id, "invitation accepted");
        Ok(scope.href("/"))
    }
}

/// Who an invitation link is for, without using it.
#[server]
pub async fn invitation_preview(token: String) -> Result<InvitationInfo, AppError> {
    crate::request::serve(async |scope| imp::preview(scope, &token).await).await
}

/// Uses the link up: makes the person's account (or checks the existing one's password), adds the
/// membership and signs them in.
#[server]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    let keep = [("token", token.as_str()), ("name", display_name.trim())];
    serve_form("/invitation", &keep, async |scope| {
        imp::accept(scope, &token, &display_name, &password)
            .await
            .map(finish_form)
    })
    .await
}
