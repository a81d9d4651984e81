//! Accepting an invitation: the person behind a single-use link sets their name and password
//! and is signed in to the portal as the member the invitation made them.

use crate::error::AppError;
use crate::model::InvitationInfo;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::api::auth::imp::blocking;
    use crate::auth::session;
    use crate::data::passwords;
    use crate::data::repos::{audit, invitations, users};
    use crate::error::AppError;
    use crate::model::{FormError, InvitationInfo};
    use crate::request::TenantScope;

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
        Ok(InvitationInfo {
            email: open.email,
            role: open.role,
        })
    }

    pub async fn accept(
        scope: &TenantScope,
        token: &str,
        name: &str,
        password: &str,
    ) -> Result<String, AppError> {
        well_formed(token)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(AppError::Form(FormError::NameRequired));
        }
        let info = preview(scope, token).await?;
        if let Some(problem) = FormError::for_password(password, &info.email) {
            return Err(AppError::Form(problem));
        }
        let owned = password.to_owned();
        let hash = blocking(move || passwords::hash(&owned))
            .await?
            .map_err(AppError::internal)?;
        // Marking the invitation used and setting the password happen together or not at all.
        let tx = scope.begin().await?;
        let open = invitations::find_open(&tx, token)
            .await?
            .ok_or(AppError::Form(FormError::InvitationInvalid))?;
        let user_id = open
            .user_id
            .ok_or(AppError::Form(FormError::InvitationInvalid))?;
        if !invitations::mark_accepted(&tx, open.id).await? {
            return Err(AppError::Form(FormError::InvitationInvalid));
        }
        users::set_first_password(&tx, user_id, name, hash).await?;
        audit::record(
            &tx,
            Some(user_id),
            "auth.invitation_accepted",
            &open.role,
            serde_json::json!({}),
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

/// Sets the invited person's name and password, uses the link up and signs them in.
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
