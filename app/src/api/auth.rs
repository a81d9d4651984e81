//! Signing up, in and out, joining a tenant, and moving between one's portals.

use crate::error::AppError;
use crate::model::{HandoffPerson, ViewerInfo};
use leptos::server;

#[cfg(feature = "ssr")]
pub(crate) mod imp {
    use crate::auth::{RateLimited, Viewer, session};
    use crate::data::repos::{audit, memberships, portals, sessions, users};
    use crate::data::{Db, passwords};
    use crate::error::AppError;
    use crate::model::auth::email_is_valid;
    use crate::model::url::is_local_path;
    use crate::model::{FormError, HandoffPerson, PortalLink, Role, ViewerInfo};
    use crate::request::TenantScope;
    use uuid::Uuid;

    pub(crate) fn limited(r: Result<(), RateLimited>) -> Result<(), AppError> {
        r.map_err(|RateLimited(secs)| AppError::RateLimited {
            retry_after_secs: secs,
        })
    }

    /// Argon2 is deliberately slow; keep it off the async workers.
    pub(crate) async fn blocking<T: Send + 'static>(
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        tokio::task::spawn_blocking(f)
            .await
            .map_err(AppError::internal)
    }

    /// The person with this email and password, or `None` — with the same work and the same
    /// database round trips either way, so the answer's timing does not say whether the email
    /// exists. The stored hash never reaches the server: only its salt does.
    pub(crate) async fn check_credentials(
        db: &Db,
        email: &str,
        password: &str,
    ) -> Result<Option<Uuid>, AppError> {
        let found = if email_is_valid(email) {
            users::password_salt(db, email).await?
        } else {
            None
        };
        let (user_id, salted) = match found {
            Some(s) => (Some(s.user_id), s.salt),
            None => (None, passwords::dummy_salt().to_owned()),
        };
        let password = password.to_owned();
        let computed = blocking(move || passwords::hash_with(&password, &salted)).await?;
        let matches = match computed {
            Some(hash) => users::password_matches(db, user_id.unwrap_or_default(), &hash).await?,
            None => false,
        };
        Ok(user_id.filter(|_| matches))
    }

    pub async fn viewer(scope: &TenantScope) -> Result<Option<ViewerInfo>, AppError> {
        Ok(match scope.viewer().clone() {
            Viewer::Anonymous => None,
            Viewer::SignedIn {
                user_id,
                display_name,
                email,
                role,
            } => Some(ViewerInfo {
                display_name,
                email,
                role,
                can_join: role.is_none() && scope.tenant().signup_open(),
                portals: portals_of(scope, user_id).await?,
            }),
        })
    }

    pub async fn sign_in(
        scope: &TenantScope,
        email: &str,
        password: &str,
        next: Option<String>,
    ) -> Result<String, AppError> {
        let ctx = scope.context();
        limited(ctx.limiter.check(email, ctx.client_ip).await)?;
        let Some(user_id) = check_credentials(scope.db(), email, password).await? else {
            ctx.limiter.failed(email, ctx.client_ip).await;
            tracing::info!("sign-in refused");
            return Err(AppError::Form(FormError::InvalidCredentials));
        };
        ctx.limiter.succeeded(email, ctx.client_ip).await;
        session::start(scope.db(), scope.tenant(), scope.session()?, user_id).await?;
        let tx = scope.begin().await?;
        audit::record(
            &tx,
            Some(user_id),
            "auth.signed_in",
            "",
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user = %user_id, "signed in");
        let target = next
            .filter(|n| is_local_path(n))
            .unwrap_or_else(|| scope.href("/"));
        Ok(target)
    }

    pub async fn sign_up(
        scope: &TenantScope,
        email: &str,
        name: &str,
        password: &str,
    ) -> Result<String, AppError> {
        if !scope.tenant().signup_open() {
            return Err(AppError::Form(FormError::SignupClosed));
        }
        let (email, name) = (email.trim(), name.trim());
        if !email_is_valid(email) {
            return Err(AppError::Form(FormError::EmailInvalid));
        }
        if name.is_empty() || name.chars().count() > 120 {
            return Err(AppError::Form(FormError::NameRequired));
        }
        if let Some(problem) = FormError::for_password(password, email) {
            return Err(AppError::Form(problem));
        }
        // Signing up with an existing identity's password joins this tenant with it; that is a
        // password check too, so it is throttled like sign-in.
        let ctx = scope.context();
        limited(ctx.limiter.check(email, ctx.client_ip).await)?;
        let existing = check_credentials(scope.db(), email, password).await?;
        let hash = match existing {
            Some(_) => None,
            None => {
                let owned = password.to_owned();
                let hash = blocking(move || passwords::hash(&owned))
                    .await?
                    .map_err(AppError::internal)?;
                Some(hash)
            }
        };
        // The account, the membership and the audit entry are made together or not at all.
        let tx = scope.begin().await?;
        let user_id = match (existing, hash) {
            (Some(id), _) => id,
            (None, hash) => {
                let new = users::NewUser {
                    email,
                    display_name: name,
                    password_hash: hash,
                };
                match users::create(&tx, new).await {
                    Ok(user) => user.id,
                    // Taken by someone whose password this is not.
                    Err(e) if is_unique_violation(&e) => {
                        ctx.limiter.failed(email, ctx.client_ip).await;
                        return Err(AppError::Form(FormError::AccountExists));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        };
        if memberships::find(&tx, user_id).await?.is_none() {
            memberships::add(&tx, user_id, Role::Member.as_str()).await?;
            crate::domain::quotas::within_members(scope, &tx).await?;
            audit::record(
                &tx,
                Some(user_id),
                "member.joined",
                "",
                serde_json::json!({ "via": "sign_up" }),
            )
            .await?;
        }
        tx.commit().await?;
        ctx.limiter.succeeded(email, ctx.client_ip).await;
        session::start(scope.db(), scope.tenant(), scope.session()?, user_id).await?;
        Ok(scope.href("/"))
    }

    fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
        matches!(
            e.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        )
    }

    pub async fn join(scope: &TenantScope) -> Result<String, AppError> {
        let viewer = scope.viewer();
        let Some(user_id) = viewer.user_id() else {
            return Err(AppError::Unauthorized);
        };
        if viewer.role().is_none() {
            if !scope.tenant().signup_open() {
                return Err(AppError::Form(FormError::SignupClosed));
            }
            let tx = scope.begin().await?;
            memberships::add(&tx, user_id, Role::Member.as_str()).await?;
            crate::domain::quotas::within_members(scope, &tx).await?;
            audit::record(
                &tx,
                Some(user_id),
                "member.joined",
                "",
                serde_json::json!({ "via": "join" }),
            )
            .await?;
            tx.commit().await?;
        }
        Ok(scope.href("/"))
    }

    pub async fn sign_out(scope: &TenantScope) -> Result<String, AppError> {
        session::end(scope.session()?).await?;
        Ok(scope.href("/"))
    }

    async fn portals_of(scope: &TenantScope, user_id: Uuid) -> Result<Vec<PortalLink>, AppError> {
        let rows = portals::of_user(scope.db(), user_id).await?;
        Ok(rows
            .into_iter()
            .filter_map(|p| {
                Some(PortalLink {
                    current: p.slug == scope.tenant().slug(),
                    role: Role::parse(&p.role)?,
                    slug: p.slug,
                    name: p.name,
                })
            })
            .collect())
    }

    /// A single-use link into another of the person's portals, in the mode they are using.
    pub async fn switch(scope: &TenantScope, slug: &str) -> Result<String, AppError> {
        let user_id = scope.viewer().user_id().ok_or(AppError::Unauthorized)?;
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let hash = sessions::hash_id(&token);
        if !portals::issue_handoff(scope.db(), user_id, slug, &hash).await? {
            return Err(AppError::Forbidden);
        }
        let path = format!("/auth/handoff?token={token}");
        Ok(scope
            .mode()
            .other_portal(slug, &path, &scope.context().origin))
    }

    fn handoff_hash(token: &str) -> Result<String, AppError> {
        let well_formed =
            (32..=128).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric());
        if well_formed {
            Ok(sessions::hash_id(token))
        } else {
            Err(AppError::Form(FormError::HandoffExpired))
        }
    }

    /// Who a hand-off link would sign in here, without using it up: the page asks before it
    /// signs anyone in, so a link made by someone else cannot sign a visitor into their account
    /// unnoticed (login CSRF).
    pub async fn handoff_preview(
        scope: &TenantScope,
        token: &str,
    ) -> Result<HandoffPerson, AppError> {
        let hash = handoff_hash(token)?;
        let tx = scope.begin().await?;
        let person = match portals::peek_handoff(&tx, &hash).await? {
            Some(id) => users::with_membership(&tx, id).await?,
            None => None,
        };
        tx.commit().await?;
        match person {
            Some(p) if p.role.is_some() => Ok(HandoffPerson {
                display_name: p.display_name,
                email: p.email,
            }),
            _ => Err(AppError::Form(FormError::HandoffExpired)),
        }
    }

    /// Uses up a hand-off token and signs its person in here. A server function, so it is a
    /// same-origin POST: the cross-site guard refuses it from any other page.
    pub async fn complete_handoff(scope: &TenantScope, token: &str) -> Result<String, AppError> {
        let hash = handoff_hash(token)?;
        let tx = scope.begin().await?;
        let user = match portals::consume_handoff(&tx, &hash).await? {
            Some(id) => memberships::find(&tx, id).await?.map(|_| id),
            None => None,
        };
        if let Some(id) = user {
            audit::record(&tx, Some(id), "auth.handed_over", "", serde_json::json!({})).await?;
        }
        tx.commit().await?;
        let user_id = user.ok_or(AppError::Form(FormError::HandoffExpired))?;
        session::start(scope.db(), scope.tenant(), scope.session()?, user_id).await?;
        tracing::info!(user = %user_id, "signed in by hand-off");
        Ok(scope.href("/"))
    }
}

/// The person a hand-off link would sign in, without using the link.
#[server]
pub async fn handoff_preview(token: String) -> Result<HandoffPerson, AppError> {
    crate::request::serve(async |scope| imp::handoff_preview(scope, &token).await).await
}

/// Signs in with a hand-off link, once its person has said "continue".
#[server]
pub async fn complete_handoff(token: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/signin", &[], async |scope| {
        imp::complete_handoff(scope, &token).await.map(finish_form)
    })
    .await
}

/// The signed-in person, if any.
#[server]
pub async fn current_viewer() -> Result<Option<ViewerInfo>, AppError> {
    crate::request::serve(async |scope| imp::viewer(scope).await).await
}

#[server]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    let keep = next.clone().unwrap_or_default();
    let keep = [("email", email.trim()), ("next", keep.as_str())];
    serve_form("/signin", &keep, async |scope| {
        imp::sign_in(scope, &email, &password, next.clone())
            .await
            .map(finish_form)
    })
    .await
}

#[server]
pub async fn sign_up(
    email: String,
    display_name: String,
    password: String,
) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    let keep = [("email", email.trim()), ("name", display_name.trim())];
    serve_form("/signup", &keep, async |scope| {
        imp::sign_up(scope, &email, &display_name, &password)
            .await
            .map(finish_form)
    })
    .await
}

#[server]
pub async fn sign_out() -> Result<String, AppError> {
    use crate::request::{finish_form, serve};
    serve(async |scope| imp::sign_out(scope).await.map(finish_form)).await
}

/// Makes a signed-in person a member of this tenant, when it is open to sign-ups.
#[server]
pub async fn join_tenant() -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/", &[], async |scope| {
        imp::join(scope).await.map(finish_form)
    })
    .await
}

/// Moves the signed-in person to another of their portals, signed in there too.
#[server]
pub async fn switch_portal(slug: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/", &[], async |scope| {
        imp::switch(scope, &slug).await.map(finish_form)
    })
    .await
}
