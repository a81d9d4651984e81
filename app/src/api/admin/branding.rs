//! Branding: the portal's title and tagline, its colours (with the console's contrast check and
//! live preview), and its logo and favicon, uploaded with the same byte checks as course covers
//! and served from the tenant's media. Saved branding shows on the very next request.

use crate::error::AppError;
use crate::model::admin::{BrandingForm, BrandingView};
use leptos::server;
use server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
mod imp {
    use crate::api::studio::media::imp::{read_image_form, store_image};
    use crate::data::repos::audit;
    use crate::data::repos::tenants::{self, BrandImage};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::admin::{BrandingForm, BrandingView};
    use crate::request::TenantScope;

    pub fn view(scope: &TenantScope) -> Result<BrandingView, AppError> {
        guards::admin(scope)?;
        let site = scope.tenant().site(scope.mode().clone());
        Ok(BrandingView {
            tagline: site.tagline.clone().unwrap_or_default(),
            primary: site.branding.primary.as_str().to_owned(),
            secondary: site.branding.secondary.as_str().to_owned(),
            accent: site.branding.accent.as_str().to_owned(),
            logo: site.branding.logo.as_ref().map(|u| u.src(&site.mode)),
            favicon: site.branding.favicon.as_ref().map(|u| u.src(&site.mode)),
            name: site.name,
        })
    }

    /// What changed is seen on the next request: this process forgets the tenant at once, and
    /// the tenants trigger's NOTIFY tells the others.
    fn forget(scope: &TenantScope) {
        scope.db().tenants().clear();
    }

    pub async fn save(scope: &TenantScope, form: &BrandingForm) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let valid = form.validate()?;
        let tx = scope.begin().await?;
        let mut settings = tenants::own_settings_for_update(&tx).await?;
        if !settings.is_object() {
            settings = serde_json::json!({});
        }
        let mut branding = settings
            .get("branding")
            .filter(|b| b.is_object())
            .cloned()
            .unwrap_or_else(|| serde_json::json!({}));
        branding["tagline"] = serde_json::json!(valid.tagline);
        settings["branding"] = branding;
        tenants::set_own_branding(
            &tx,
            &valid.name,
            [
                valid.primary.as_str(),
                valid.secondary.as_str(),
                valid.accent.as_str(),
            ],
            settings,
        )
        .await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "tenant.branding_changed",
            "",
            serde_json::json!({ "primary": valid.primary.as_str() }),
        )
        .await?;
        tx.commit().await?;
        forget(scope);
        Ok(())
    }

    fn which(raw: &str) -> Result<BrandImage, AppError> {
        match raw.trim() {
            "logo" => Ok(BrandImage::Logo),
            "favicon" => Ok(BrandImage::Favicon),
            _ => Err(AppError::BadRequest(
                "Choose the logo or the favicon.".into(),
            )),
        }
    }

    pub async fn upload(
        scope: &TenantScope,
        form: multer::Multipart<'static>,
    ) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let (kind, bytes) = read_image_form(form, "kind", "image").await?;
        let which = which(&kind)?;
        let tx = scope.begin().await?;
        let (name, file) = store_image(scope, &tx, &bytes, "image").await?;
        let saved = async {
            let url = format!("/media/{name}");
            tenants::set_own_image(&tx, which, Some(&url)).await?;
            let details = serde_json::json!({ "kind": kind.trim(), "bytes": bytes.len() });
            audit::record(
                &tx,
                Some(me.user_id),
                "tenant.image_uploaded",
                &name,
                details,
            )
            .await?;
            tx.commit().await
        }
        .await;
        if let Err(e) = saved {
            let _ = tokio::fs::remove_file(&file).await;
            return Err(e.into());
        }
        forget(scope);
        Ok(())
    }

    pub async fn remove(scope: &TenantScope, kind: &str) -> Result<(), AppError> {
        let me = guards::admin(scope)?;
        let which = which(kind)?;
        let tx = scope.begin().await?;
        tenants::set_own_image(&tx, which, None).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "tenant.image_removed",
            kind.trim(),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        forget(scope);
        Ok(())
    }
}

/// The portal's branding as saved.
#[server]
pub async fn admin_branding() -> Result<BrandingView, AppError> {
    crate::request::serve(async |scope| imp::view(scope)).await
}

/// Saves the title, tagline and colours (a primary colour unreadable on the page is refused).
#[server]
pub async fn save_branding(form: BrandingForm) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    let keep = [("name", form.name.trim())];
    serve_form("/admin/branding", &keep, async |scope| {
        imp::save(scope, &form).await?;
        Ok(finish_form(scope.href("/admin/branding?done=saved")))
    })
    .await
}

/// Uploads the logo or the favicon (`kind`: "logo" or "favicon"; the file in `image`).
#[server(input = MultipartFormData)]
pub async fn upload_brand_image(data: MultipartData) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/branding", &[], async |scope| {
        let form = data
            .into_inner()
            .ok_or_else(|| AppError::BadRequest("Send the image as a form upload.".into()))?;
        imp::upload(scope, form).await?;
        Ok(finish_form(scope.href("/admin/branding?done=image")))
    })
    .await
}

/// Goes back to no logo or no favicon (`kind`).
#[server]
pub async fn remove_brand_image(kind: String) -> Result<String, AppError> {
    use crate::request::{finish_form, serve_form};
    serve_form("/admin/branding", &[], async |scope| {
        imp::remove(scope, &kind).await?;
        Ok(finish_form(scope.href("/admin/branding?done=removed")))
    })
    .await
}
