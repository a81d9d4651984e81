//! Tier quotas, checked in one place (the tiers themselves are `model::plans`): members (open
//! invitations count, as each may become one), courses and uploaded bytes.
//!
//! Members and courses are checked after the change, in its transaction: the check first takes
//! a per-tenant lock held until commit, then counts (its own change included, and whatever
//! another request committed before it got the lock), so two requests cannot both take the
//! last place; a refusal rolls the change back.

use crate::data::TenantTx;
use crate::data::repos::quotas::{courses_in_use, lock, members_in_use};
use crate::error::AppError;
use crate::model::FormError;
use crate::model::console::size;
use crate::model::plans::{Plan, QuotaUse};
use crate::request::TenantScope;
use sea_orm::DbErr;
use std::path::Path;

/// After adding members or invitations: refuses (rolling back) past the plan's limit.
pub async fn within_members(scope: &TenantScope, tx: &TenantTx) -> Result<(), AppError> {
    lock(tx, "members").await?;
    if members_in_use(tx).await? > Plan::of(scope.tenant().tier()).members {
        return Err(FormError::MemberQuota.into());
    }
    Ok(())
}

/// After adding a course: refuses (rolling back) past the plan's limit.
pub async fn within_courses(scope: &TenantScope, tx: &TenantTx) -> Result<(), AppError> {
    lock(tx, "courses").await?;
    if courses_in_use(tx).await? > Plan::of(scope.tenant().tier()).courses {
        return Err(FormError::CourseQuota.into());
    }
    Ok(())
}

/// Bytes of the files in a tenant's upload folder (none yet: 0).
pub async fn stored_bytes(folder: &Path) -> u64 {
    let Ok(mut entries) = tokio::fs::read_dir(folder).await else {
        return 0;
    };
    let mut total = 0u64;
    while let Ok(Some(entry)) = entries.next_entry().await {
        if let Ok(meta) = entry.metadata().await
            && meta.is_file()
        {
            total = total.saturating_add(meta.len());
        }
    }
    total
}

fn upload_folder(scope: &TenantScope) -> std::path::PathBuf {
    scope
        .context()
        .upload_dir
        .join(scope.tenant().id().to_string())
}

/// Before writing a file of `adding` bytes: refuses one that would pass the plan's storage.
pub async fn check_storage(
    scope: &TenantScope,
    tx: &TenantTx,
    adding: u64,
) -> Result<(), AppError> {
    lock(tx, "storage").await?;
    let used = stored_bytes(&upload_folder(scope)).await;
    if used.saturating_add(adding) > Plan::of(scope.tenant().tier()).storage_bytes {
        return Err(FormError::StorageQuota.into());
    }
    Ok(())
}

/// Every quota with its use, for the admin's usage panel.
pub async fn usage(scope: &TenantScope, tx: &TenantTx) -> Result<Vec<QuotaUse>, DbErr> {
    let plan = Plan::of(scope.tenant().tier());
    let (members, courses) = (members_in_use(tx).await?, courses_in_use(tx).await?);
    let stored = stored_bytes(&upload_folder(scope)).await;
    let of = |used: u64, limit: u64| format!("{used} of {limit}");
    Ok(vec![
        QuotaUse {
            label: "Members and open invitations".into(),
            used: members,
            limit: plan.members,
            text: of(members, plan.members),
        },
        QuotaUse {
            label: "Courses".into(),
            used: courses,
            limit: plan.courses,
            text: of(courses, plan.courses),
        },
        QuotaUse {
            label: "Storage for uploaded files".into(),
            used: stored,
            limit: plan.storage_bytes,
            text: format!("{} of {}", size(stored), size(plan.storage_bytes)),
        },
    ])
}
