//! Provisioning a tenant (seed 004's "digital office space, front door and master key"): the
//! tenant row with its settings, the first owner's membership and, when asked, its custom
//! domain, made in one platform transaction, so any failure leaves nothing behind. An owner
//! address with an Atrium identity joins with it; a new address gets an identity without a
//! password and a single-use invitation link that sets one.

use crate::data::PlatformTx;
use crate::data::repos::invitations::{self, NewInvitation};
use crate::data::repos::{memberships, tenants, users};
use crate::error::AppError;
use crate::model::console::Provisioned;
use crate::model::new_tenant::ValidTenant;
use crate::model::{Branding, FormError};
use sea_orm::{DbErr, SqlErr};
use uuid::Uuid;

/// 244 random bits (two v4 UUIDs from the OS's generator) as 64 hex digits, for invitation links.
pub fn random_token() -> String {
    format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

fn unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Creates everything in `tx`; the caller commits (with its audit entry) or drops it.
pub async fn provision(
    tx: &PlatformTx,
    valid: &ValidTenant,
    actor: Uuid,
) -> Result<(Uuid, Provisioned), AppError> {
    if tenants::find_by_slug(tx, valid.slug.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::Form(FormError::SlugTaken));
    }
    let branding = Branding {
        primary: valid.primary.clone(),
        secondary: valid.secondary.clone(),
        accent: valid.accent.clone(),
        ..Branding::default()
    };
    let tenant = tenants::create(
        tx,
        tenants::NewTenant {
            slug: &valid.slug,
            name: &valid.name,
            tier: valid.tier,
            branding: &branding,
            features: valid.features,
            settings: serde_json::json!({}),
        },
    )
    .await
    .map_err(|e| {
        if unique_violation(&e) {
            AppError::Form(FormError::SlugTaken)
        } else {
            e.into()
        }
    })?;
    let existing = users::find_by_email_as_platform(tx, &valid.owner_email).await?;
    let (owner_id, invitation) = match existing {
        Some(person) => (person.id, None),
        None => {
            let person = users::create_as_platform(
                tx,
                users::NewUser {
                    email: &valid.owner_email,
                    display_name: valid
                        .owner_email
                        .split('@')
                        .next()
                        .unwrap_or(&valid.owner_email),
                    password_hash: None,
                },
            )
            .await?;
            let token = random_token();
            invitations::create_as_platform(
                tx,
                NewInvitation {
                    tenant_id: tenant.id,
                    email: &valid.owner_email,
                    user_id: person.id,
                    role: "owner",
                    created_by: Some(actor),
                    raw_token: &token,
                },
            )
            .await?;
            (person.id, Some(token))
        }
    };
    memberships::add_as_platform(tx, tenant.id, owner_id, "owner").await?;
    if let Some(host) = &valid.domain {
        // The last step: a host another tenant has claimed fails here and takes everything
        // above with it.
        tenants::add_domain(tx, tenant.id, host, false)
            .await
            .map_err(|e| {
                if unique_violation(&e) {
                    AppError::Form(FormError::DomainTaken)
                } else {
                    e.into()
                }
            })?;
    }
    Ok((
        tenant.id,
        Provisioned {
            slug: valid.slug.as_str().to_owned(),
            owner_joined: invitation.is_none(),
            invitation_path: invitation
                .map(|token| format!("/{}/invitation?token={token}", valid.slug.as_str())),
        },
    ))
}
