//! The tenant's audit log: its own entries only, filtered, paged and downloadable as a
//! formula-safe CSV.

use super::*;
use app::api::admin::audit::AdminAudit;
use app::api::admin::invitations::InviteMember;
use app::api::admin::members::ChangeMemberRole;
use server_fn::ServerFn;

fn entries(page: &Page) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(&page.body).expect("json");
    v["entries"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn admins_read_filter_page_and_download_their_own_log() {
    let w = world().await;
    let db = w.app.state.db.clone();
    // Sixty older entries, and one in another tenant that must never show.
    let t = tx(&db, "acme").await;
    for n in 0..60 {
        app::data::repos::audit::record(
            &t,
            Some(w.owner),
            "test.filler",
            &format!("n{n}"),
            serde_json::json!({}),
        )
        .await
        .unwrap();
    }
    t.commit().await.unwrap();
    let o = tx(&db, "other").await;
    app::data::repos::audit::record(
        &o,
        None,
        "test.elsewhere",
        "secret-of-other",
        serde_json::json!({}),
    )
    .await
    .unwrap();
    o.commit().await.unwrap();

    let mut owner = signed_in(&w.app, Some("owner@acme.example")).await;
    owner
        .call(
            ChangeMemberRole::PATH,
            &format!("user_id={}&role=instructor", w.member),
        )
        .await;
    let page = owner
        .call(InviteMember::PATH, "email=%3Dcmd%40example.org&role=member")
        .await;
    assert_eq!(page.status, 200, "{}", page.body);

    let first = owner.call(AdminAudit::PATH, "actor=&action=").await;
    assert_eq!(first.status, 200, "{}", first.body);
    let list = entries(&first);
    assert_eq!(list.len(), 50);
    assert!(!first.body.contains("secret-of-other"));
    // Newest first: the invitation, recorded last, leads (its row change, then its entry).
    assert!(
        list.iter().take(4).any(|e| e["action"] == "member.invited"),
        "{list:?}"
    );
    let role_change = list
        .iter()
        .find(|e| e["action"] == "row.memberships.update")
        .expect("the row change is there");
    assert!(
        role_change["note"]
            .as_str()
            .unwrap()
            .contains("changed: role")
    );

    // The next page carries on where the first stopped, without repeating.
    let v: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    let cursor = v["next"].as_str().expect("an older page").to_owned();
    let second = owner
        .call(
            AdminAudit::PATH,
            &format!("actor=&action=&after={}", enc(&cursor)),
        )
        .await;
    let older = entries(&second);
    assert!(!older.is_empty());
    let firsts: Vec<&serde_json::Value> = list.iter().map(|e| &e["at"]).collect();
    assert!(older.iter().all(|e| !list.contains(e)), "{firsts:?}");

    // Filters.
    let members = entries(&owner.call(AdminAudit::PATH, "actor=&action=member.").await);
    assert!(!members.is_empty());
    assert!(
        members
            .iter()
            .all(|e| e["action"].as_str().unwrap().starts_with("member."))
    );
    let by_admin = entries(
        &owner
            .call(AdminAudit::PATH, "actor=admin%40acme.example&action=")
            .await,
    );
    assert!(by_admin.iter().all(|e| e["actor"] == "admin@acme.example"));
    let nobody = owner
        .call(AdminAudit::PATH, "actor=nobody%40example.org&action=")
        .await;
    assert!(nobody.body.contains("No member has the address"));

    // The page and the CSV.
    let html = owner.get("/admin/audit?action=member.").await;
    assert_eq!(html.status, 200);
    assert!(html.body.contains("member.invited"));
    let csv = owner.get("/admin/audit.csv?action=member.").await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.body
            .starts_with("Time,Actor,Support session by,Action,Details\r\n")
    );
    assert!(csv.body.contains(",'=cmd@example.org"), "{}", csv.body);
    assert!(!csv.body.contains("test.filler"));

    // Members and other tenants' admins get nothing.
    let mut member = signed_in(&w.app, Some("instructor@acme.example")).await;
    assert_eq!(member.call(AdminAudit::PATH, "").await.status, 403);
    assert_eq!(member.get("/admin/audit.csv").await.status, 403);
    let mut visitor = Browser::new(&w.app, "localhost", "/acme");
    assert_eq!(visitor.get("/admin/audit.csv").await.status, 401);
}
