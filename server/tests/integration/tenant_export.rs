//! Exporting a tenant from the console: a streamed zip holding every table's rows for that tenant
//! and no other's, its files, and a manifest whose counts and checksums match what is inside.

use crate::rls::world;
use crate::support::*;
use crate::tenant_deletion::{ADMIN, put_upload, signed_in_admin, tables_with_tenant_id};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The archive's files by name.
async fn unzip(bytes: Vec<u8>) -> BTreeMap<String, Vec<u8>> {
    let reader = async_zip::base::read::mem::ZipFileReader::new(bytes)
        .await
        .expect("a complete zip archive");
    let mut files = BTreeMap::new();
    for index in 0..reader.file().entries().len() {
        let name = reader.file().entries()[index]
            .filename()
            .as_str()
            .unwrap()
            .to_owned();
        let mut entry = reader.reader_with_entry(index).await.unwrap();
        let mut content = Vec::new();
        entry.read_to_end_checked(&mut content).await.unwrap();
        files.insert(name, content);
    }
    files
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn an_export_holds_exactly_one_tenants_rows_and_files_with_a_matching_manifest() {
    let w = world().await;
    let (alpha, beta) = (w.alpha, w.beta);
    let app = TestApp::spawn(w.test_db).await;
    signed_in_admin(&app).await;
    let alpha_files = put_upload(&app, alpha);
    std::fs::write(alpha_files.join("banner.webp"), vec![7_u8; 200_000]).unwrap();
    put_upload(&app, beta);
    std::fs::write(
        app.state
            .config
            .upload_dir
            .join(beta.to_string())
            .join("beta-only.png"),
        b"beta",
    )
    .unwrap();
    let path = "/console/tenants/alpha/export";

    // Nobody but a super admin gets anything, not even a hint.
    let mut anonymous = Browser::console(&app, "localhost");
    assert_eq!(anonymous.download(path, "reason=curious").await.0, 404);
    let t = tx(&app.state.db, "alpha").await;
    create_person(&app.state.db, &t, "owner@alpha.example", "owner").await;
    t.commit().await.unwrap();
    let mut portal = Browser::new(&app, "localhost", "/alpha");
    portal.sign_in("owner@alpha.example", PASSWORD).await;
    assert_eq!(portal.download(path, "reason=curious").await.0, 404);

    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let (status, headers, _) = admin.download(path, "reason=").await;
    assert_eq!(status, 303);
    assert!(
        headers["location"]
            .to_str()
            .unwrap()
            .contains("error=reason_required")
    );
    assert_eq!(
        admin
            .download("/console/tenants/nobody/export", "reason=x")
            .await
            .0,
        404
    );

    // Alpha's usage so far is written now, not by the 10-second timer between export and count.
    app.state.usage.flush(&app.state.db).await.unwrap();
    let (status, headers, bytes) = admin.download(path, "reason=Customer+asked").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/zip");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"atrium-alpha-")
    );
    assert!(
        headers.get("content-length").is_none(),
        "streamed, not built first"
    );
    let files = unzip(bytes).await;

    // The manifest lists every other file with its true size, rows and checksum.
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(manifest["tenant_id"], alpha.to_string());
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(listed.len(), files.len() - 1);
    for entry in listed {
        let name = entry["path"].as_str().unwrap();
        let content = &files[name];
        assert_eq!(entry["bytes"], content.len() as u64, "{name}");
        assert_eq!(entry["sha256"], hex(content), "{name}");
        if let Some(rows) = entry["rows"].as_u64() {
            let lines = content.iter().filter(|b| **b == b'\n').count() as u64;
            assert_eq!(rows, lines, "{name}");
        }
    }

    // Every table with a tenant_id is there but the live credentials, with alpha's rows only.
    let mut expected: Vec<String> = tables_with_tenant_id(&app)
        .await
        .into_iter()
        .filter(|t| !["sessions", "handoff_tokens", "outbox"].contains(&t.as_str()))
        .map(|t| format!("tables/{t}.ndjson"))
        .collect();
    expected.push("tables/users.ndjson".into());
    expected.sort();
    let tables: Vec<String> = files
        .keys()
        .filter(|k| k.starts_with("tables/"))
        .cloned()
        .collect();
    assert_eq!(tables, expected);
    let beta_text = beta.to_string();
    for (name, content) in &files {
        let text = String::from_utf8_lossy(content);
        assert!(!text.contains(&beta_text), "{name} mentions beta");
        assert!(!text.contains("token_hash"), "{name} has a secret");
        if !name.starts_with("tables/") || name == "tables/users.ndjson" {
            continue;
        }
        let table = name
            .trim_start_matches("tables/")
            .trim_end_matches(".ndjson");
        let in_db = owner_scalar(
            &app,
            &format!("SELECT count(*) FROM {table} WHERE tenant_id = '{alpha}'"),
        )
        .await;
        let mut exported = 0;
        for line in text.lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(row["tenant_id"], alpha.to_string(), "{name}");
            exported += 1;
        }
        assert!(exported > 0, "{name} is empty");
        assert_eq!(exported, in_db, "{name}");
    }
    let people = String::from_utf8_lossy(&files["tables/users.ndjson"]).to_string();
    assert!(people.contains("a@example.org"));
    assert!(!people.contains("b@example.org") && !people.contains(ADMIN));
    let tenant: serde_json::Value = serde_json::from_slice(&files["tenant.json"]).unwrap();
    assert_eq!(tenant["slug"], "alpha");

    // Alpha's files, byte for byte; none of beta's.
    assert_eq!(files["files/banner.webp"], vec![7_u8; 200_000]);
    assert!(files.contains_key("files/logo.png"));
    assert!(!files.contains_key("files/beta-only.png"));

    assert_eq!(
        owner_scalar(
            &app,
            &format!(
                "SELECT count(*) FROM platform_audit WHERE action = 'console.tenant.exported' \
                 AND tenant_id = '{alpha}' AND reason = 'Customer asked'"
            )
        )
        .await,
        1
    );
}
