//! Course cover uploads. Files are checked by their bytes (not their name or declared type),
//! capped in size, stored per tenant under a generated name, and served only through their own
//! tenant's portal at `/media/<name>`.

use crate::error::AppError;
use leptos::server;
use server_fn::codec::{MultipartData, MultipartFormData};

/// Largest accepted image.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;

/// The image type of `bytes` by its signature, as a file extension.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [b'G', b'I', b'F', b'8', ..] => Some("gif"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("webp"),
        _ => None,
    }
}

/// Whether `name` is one of ours: 32 hex digits and an image extension.
pub fn is_media_name(name: &str) -> bool {
    crate::model::branding::is_media_name(name)
}

pub fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("jpg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        _ => "application/octet-stream",
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod imp {
    use super::super::guard;
    use super::{MAX_UPLOAD_BYTES, sniff};
    use crate::data::repos::{audit, courses};
    use crate::error::AppError;
    use crate::model::studio::FieldError;
    use crate::request::TenantScope;

    fn invalid(field: &str, message: &str) -> AppError {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// Reads an upload form: the text field `text_field` and the file `file_field`, refusing
    /// files over the limit while reading.
    pub(crate) async fn read_image_form(
        mut form: multer::Multipart<'static>,
        text_field: &str,
        file_field: &str,
    ) -> Result<(String, Vec<u8>), AppError> {
        let broken = || invalid(file_field, "That upload didn't arrive whole. Try again.");
        let (mut text, mut bytes) = (String::new(), Vec::new());
        while let Some(mut field) = form.next_field().await.map_err(|_| broken())? {
            match field.name() {
                Some(name) if name == text_field => {
                    text = field.text().await.map_err(|_| AppError::NotFound)?;
                }
                Some(name) if name == file_field => {
                    while let Some(chunk) = field.chunk().await.map_err(|_| broken())? {
                        if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                            return Err(invalid(file_field, "Images must be 2 MB or smaller."));
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                }
                _ => {}
            }
        }
        Ok((text, bytes))
    }

    /// Checks an image by its bytes and the plan's storage, then writes it to the tenant's
    /// folder under a new name; returns the name and the file's path (to remove it again if
    /// what refers to it is not saved).
    pub(crate) async fn store_image(
        scope: &TenantScope,
        tx: &crate::data::TenantTx,
        bytes: &[u8],
        field: &str,
    ) -> Result<(String, std::path::PathBuf), AppError> {
        if bytes.is_empty() {
            return Err(invalid(field, "Choose an image to upload."));
        }
        let ext =
            sniff(bytes).ok_or_else(|| invalid(field, "Upload a PNG, JPEG, GIF or WebP image."))?;
        let adding = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        crate::domain::quotas::check_storage(scope, tx, adding).await?;
        let name = format!("{}.{ext}", uuid::Uuid::new_v4().simple());
        let dir = scope
            .context()
            .upload_dir
            .join(scope.tenant().id().to_string());
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(AppError::internal)?;
        let file = dir.join(&name);
        tokio::fs::write(&file, bytes)
            .await
            .map_err(AppError::internal)?;
        Ok((name, file))
    }

    pub async fn upload(
        scope: &TenantScope,
        form: multer::Multipart<'static>,
    ) -> Result<String, AppError> {
        let tx = scope.begin().await?;
        let me = guard::staff(scope)?;
        let (raw_course, bytes) = read_image_form(form, "course_id", "cover").await?;
        let course = guard::course(&tx, &raw_course).await?;
        let (name, file) = store_image(scope, &tx, &bytes, "cover").await?;
        let saved = async {
            courses::set_cover(&tx, course.id, Some(&name)).await?;
            let details = serde_json::json!({ "bytes": bytes.len() });
            audit::record(
                &tx,
                Some(me.user_id),
                "course.cover_uploaded",
                &course.slug,
                details,
            )
            .await?;
            tx.commit().await
        }
        .await;
        if let Err(e) = saved {
            // Nothing points at the file: don't leave it behind.
            let _ = tokio::fs::remove_file(&file).await;
            return Err(e.into());
        }
        // The previous cover stays on disk: a duplicated course may still show it.
        Ok(scope.href(&format!("/media/{name}")))
    }
}

/// Uploads a course cover (`course_id` and `cover` fields); returns the image's path.
#[server(input = MultipartFormData)]
pub async fn upload_cover(data: MultipartData) -> Result<String, AppError> {
    crate::request::serve(async |scope| {
        let Some(form) = data.into_inner() else {
            return Err(AppError::BadRequest("Expected a file upload.".into()));
        };
        imp::upload(scope, form).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("png"));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Some("jpg"));
        assert_eq!(sniff(b"GIF89a"), Some("gif"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn only_generated_names_are_served() {
        assert!(is_media_name("0123456789abcdef0123456789abcdef.png"));
        assert!(!is_media_name("../../etc/passwd"));
        assert!(!is_media_name("0123456789abcdef0123456789abcdef.svg"));
        assert!(!is_media_name("0123456789ABCDEF0123456789abcdef.png"));
        assert_eq!(content_type("x.webp"), "image/webp");
    }
}
