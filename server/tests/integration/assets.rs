//! The build's files are served precompressed when the browser accepts it, and kept by browsers
//! for a year when their names carry a content hash.

use crate::support::*;

#[tokio::test]
async fn built_files_are_served_compressed_and_cached_for_long() {
    let site = std::env::temp_dir().join(format!("atrium-site-{}", uuid::Uuid::new_v4().simple()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let plain = b"\0asm pretend wasm that compresses well well well well well".to_vec();
    std::fs::write(pkg.join("atrium.AbC123.wasm"), &plain).unwrap();
    std::fs::write(pkg.join("atrium.AbC123.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("atrium.AbC123.wasm.gz"), b"gzip bytes").unwrap();
    let app = TestApp::spawn_site(TestDb::new().await, &site, true).await;

    let get = |encoding: &'static str| {
        app.request(reqwest::Method::GET, "localhost", "/pkg/atrium.AbC123.wasm")
            .header(reqwest::header::ACCEPT_ENCODING, encoding)
            .send()
    };
    let br = get("gzip, deflate, br").await.unwrap();
    assert_eq!(br.status(), 200);
    assert_eq!(br.headers()["content-encoding"], "br");
    let cache = br.headers()["cache-control"].to_str().unwrap().to_owned();
    assert!(
        cache.contains("max-age=31536000") && cache.contains("immutable"),
        "{cache}"
    );
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let gz = get("gzip").await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");

    let identity = get("identity").await.unwrap();
    assert!(identity.headers().get("content-encoding").is_none());
    assert_eq!(identity.bytes().await.unwrap().as_ref(), plain.as_slice());
    let _ = std::fs::remove_dir_all(&site);
}
