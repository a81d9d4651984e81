//! Certificates: the public verification page, the admin list, and withdrawing one. A learner's
//! own list comes with "My learning" (`api::learning`).

use crate::error::AppError;
use crate::model::certificate::{CertificateItem, CertificateView};
use leptos::server;

#[cfg(feature = "ssr")]
pub mod imp {
    use crate::auth::Permission;
    use crate::data::repos::audit;
    use crate::data::repos::certificates::{self, Certificate};
    use crate::error::AppError;
    use crate::model::FormError;
    use crate::model::certificate::{
        CertificateCode, CertificateItem, CertificateView, Revocation,
    };
    use crate::request::TenantScope;

    fn day(at: chrono::DateTime<chrono::FixedOffset>) -> String {
        at.with_timezone(&chrono::Utc)
            .format("%Y-%m-%d")
            .to_string()
    }

    fn code_of(c: &Certificate) -> Result<CertificateCode, AppError> {
        CertificateCode::parse(&c.code).ok_or_else(|| AppError::internal("malformed stored code"))
    }

    fn view(c: Certificate, tenant_name: &str) -> Result<CertificateView, AppError> {
        Ok(CertificateView {
            code: code_of(&c)?,
            learner_name: c.learner_name,
            course_title: c.course_title,
            tenant_name: tenant_name.to_owned(),
            issued_on: day(c.issued_at),
            revoked: c.revoked_at.map(|at| Revocation {
                on: day(at),
                reason: c.revoked_reason.unwrap_or_default(),
            }),
        })
    }

    /// Anyone may check a code; a malformed code, an unknown one and another tenant's are the
    /// same "not found".
    pub async fn verify(scope: &TenantScope, raw: &str) -> Result<CertificateView, AppError> {
        let code = CertificateCode::parse(raw).ok_or(AppError::NotFound)?;
        let tx = scope.begin().await?;
        let found = certificates::find_by_code(&tx, code.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        tx.commit().await?;
        view(found, scope.tenant().name())
    }

    /// A line of a certificate list.
    pub fn item(c: Certificate) -> Result<CertificateItem, AppError> {
        Ok(CertificateItem {
            code: code_of(&c)?,
            course_title: c.course_title,
            learner_name: c.learner_name,
            issued_on: day(c.issued_at),
            revoked: c.revoked_at.is_some(),
        })
    }

    pub async fn all(scope: &TenantScope) -> Result<Vec<CertificateItem>, AppError> {
        scope.viewer().require(Permission::Administer)?;
        let tx = scope.begin().await?;
        let list = certificates::list(&tx, 500).await?;
        tx.commit().await?;
        list.into_iter().map(item).collect()
    }

    pub async fn revoke(scope: &TenantScope, raw: &str, reason: &str) -> Result<(), AppError> {
        let admin = scope.viewer().require(Permission::Administer)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::Form(FormError::ReasonRequired));
        }
        if reason.chars().count() > 500 {
            return Err(AppError::Form(FormError::TooLong));
        }
        let code = CertificateCode::parse(raw).ok_or(AppError::NotFound)?;
        let tx = scope.begin().await?;
        if !certificates::revoke(&tx, code.as_str(), reason, admin.user_id).await? {
            return Err(AppError::NotFound);
        }
        audit::record(
            &tx,
            Some(admin.user_id),
            "certificate.revoked",
            code.as_str(),
            serde_json::json!({ "reason": reason }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A certificate by its code, for anyone (the verification page).
#[server]
pub async fn verify_certificate(code: String) -> Result<CertificateView, AppError> {
    crate::request::serve(async |scope| imp::verify(scope, &code).await).await
}

/// Every certificate of the organisation (admins).
#[server]
pub async fn tenant_certificates() -> Result<Vec<CertificateItem>, AppError> {
    crate::request::serve(async |scope| imp::all(scope).await).await
}

/// Withdraws a certificate with a reason (admins); its page then says so. Returns the admin list.
#[server]
pub async fn revoke_certificate(code: String, reason: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/certificates", &[], async |scope| {
        imp::revoke(scope, &code, &reason).await?;
        Ok(finish_form(scope.href("/admin/certificates?done=revoked")))
    })
    .await
}
