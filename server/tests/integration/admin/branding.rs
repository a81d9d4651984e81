//! Branding by the tenant's own admins: checked colours, title and tagline, logo and favicon
//! uploads, all seen on the next request by path and subdomain.

use super::*;
use crate::studio::files::png;
use app::api::admin::branding::{AdminBranding, RemoveBrandImage, SaveBranding, UploadBrandImage};
use server_fn::ServerFn;

fn primary(page: &Page) -> String {
    let start = page.body.find("--brand-primary:").expect("theme") + "--brand-primary:".len();
    page.body[start..start + 7].to_owned()
}

async fn upload(b: &Browser<'_>, kind: &str, bytes: Vec<u8>) -> Page {
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_owned())
        .part(
            "image",
            reqwest::multipart::Part::bytes(bytes).file_name("image.png"),
        );
    b.upload(UploadBrandImage::PATH, form).await
}

fn form(primary: &str, tagline: &str) -> String {
    format!(
        "form[name]=Acme%20Academy&form[tagline]={}&form[primary]={}&form[secondary]=%23475569&form[accent]=%23B2613E",
        enc(tagline),
        enc(primary)
    )
}

#[tokio::test]
async fn branding_is_checked_and_seen_on_the_next_request_everywhere() {
    let w = world().await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let mut by_path = Browser::new(&w.app, "localhost", "/acme");
    let mut by_host = Browser::new(&w.app, "acme.localhost", "");
    assert_eq!(primary(&by_path.get("/").await), "#1D4A38");

    let page = admin.call(SaveBranding::PATH, &form("#FDE047", "")).await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains("colour_unreadable"));
    let page = admin
        .call(SaveBranding::PATH, &form("#7c2d12", &"x".repeat(161)))
        .await;
    assert_eq!(page.status, 400);

    let page = admin
        .submit(
            SaveBranding::PATH,
            &form("#7c2d12", "Learn with Acme"),
            "/admin/branding",
        )
        .await;
    assert_eq!(page.status, 302, "{}", page.body);
    assert_eq!(location(&page), "/acme/admin/branding?done=saved");
    for b in [&mut by_path, &mut by_host] {
        let home = b.get("/").await;
        assert_eq!(primary(&home), "#7C2D12", "{}", b.host);
        assert!(home.body.contains("Learn with Acme"));
        assert!(home.body.contains("Welcome to Acme Academy"));
    }
    let saved: serde_json::Value =
        serde_json::from_str(&admin.call(AdminBranding::PATH, "").await.body).unwrap();
    assert_eq!(saved["tagline"], "Learn with Acme");
    assert_eq!(saved["primary"], "#7C2D12");
    // Other settings in the same column are kept.
    assert_eq!(
        owner_text(
            &w.app,
            "SELECT settings->'branding'->>'tagline' FROM tenants WHERE slug = 'acme'"
        )
        .await,
        "Learn with Acme"
    );
}

#[tokio::test]
async fn logo_and_favicon_are_uploaded_checked_served_and_removed() {
    let w = world().await;
    let admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let svg = upload(&admin, "logo", b"<svg onload=alert(1)>".to_vec()).await;
    assert_eq!(svg.status, 400, "{}", svg.body);
    let bad_kind = upload(&admin, "banner", png()).await;
    assert_eq!(bad_kind.status, 400);
    let member = signed_in(&w.app, Some("member@acme.example")).await;
    assert_eq!(upload(&member, "logo", png()).await.status, 403);

    let ok = upload(&admin, "logo", png()).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(upload(&admin, "favicon", png()).await.status, 200);
    let logo = owner_text(&w.app, "SELECT logo_url FROM tenants WHERE slug = 'acme'").await;
    assert!(
        logo.starts_with("/media/") && logo.ends_with(".png"),
        "{logo}"
    );

    // In the header and the tab, inside the portal in the visitor's mode, and served from there.
    let mut by_path = Browser::new(&w.app, "localhost", "/acme");
    let home = by_path.get("/").await;
    assert!(
        home.body.contains(&format!("src=\"/acme{logo}\"")),
        "{}",
        home.body
    );
    assert!(home.body.contains("rel=\"icon\" href=\"/acme/media/"));
    let image = by_path.get(&logo).await;
    assert_eq!(image.status, 200);
    let mut by_host = Browser::new(&w.app, "acme.localhost", "");
    assert!(
        by_host
            .get("/")
            .await
            .body
            .contains(&format!("src=\"{logo}\""))
    );
    // Not from another portal.
    let mut other = Browser::new(&w.app, "localhost", "/other");
    assert_eq!(other.get(&logo).await.status, 404);

    let mut admin = admin;
    let page = admin.call(RemoveBrandImage::PATH, "kind=logo").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!by_path.get("/").await.body.contains(&logo));
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM tenants WHERE slug = 'acme' AND logo_url IS NULL"
        )
        .await,
        1
    );
}
