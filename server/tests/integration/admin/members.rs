//! The members list and what admins may do to members.

use super::*;
use app::api::admin::members::{AdminMembers, ChangeMemberRole, RemoveMember};
use app::api::learning::MyLearning;
use server_fn::ServerFn;

async fn role_of(app: &TestApp, user: Uuid) -> String {
    owner_text(
        app,
        &format!(
            "SELECT coalesce((SELECT role FROM memberships m JOIN tenants t ON t.id = m.tenant_id \
             WHERE t.slug = 'acme' AND m.user_id = '{user}'), 'none')"
        ),
    )
    .await
}

#[tokio::test]
async fn the_list_searches_filters_and_pages() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "acme").await;
    for n in 0..30 {
        create_member(&db, &t, &format!("learner{n:02}@acme.example"), "member").await;
    }
    t.commit().await.unwrap();
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;

    let all = admin.call(AdminMembers::PATH, "q=&role=&page=1").await;
    assert_eq!(all.status, 200, "{}", all.body);
    let page: serde_json::Value = serde_json::from_str(&all.body).unwrap();
    assert_eq!(page["total"], 34);
    assert_eq!(page["pages"], 2);
    assert_eq!(page["rows"].as_array().unwrap().len(), 25);
    assert_eq!(page["viewer_is_owner"], false);
    // The admin has signed in, so they have been active; most have not.
    let me = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["email"] == "admin@acme.example")
        .expect("the admin is listed");
    assert_eq!(me["is_you"], true);
    assert!(me["last_active"].is_string(), "{me}");

    let second: serde_json::Value =
        serde_json::from_str(&admin.call(AdminMembers::PATH, "q=&role=&page=2").await.body)
            .unwrap();
    assert_eq!(second["rows"].as_array().unwrap().len(), 9);

    let search: serde_json::Value = serde_json::from_str(
        &admin
            .call(AdminMembers::PATH, "q=LEARNER0&role=&page=1")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(search["total"], 10, "{search}");
    // `%` is a character to look for, not a wildcard.
    let literal: serde_json::Value = serde_json::from_str(
        &admin
            .call(AdminMembers::PATH, "q=%25&role=&page=1")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(literal["total"], 0);

    let owners: serde_json::Value = serde_json::from_str(
        &admin
            .call(AdminMembers::PATH, "q=&role=owner&page=1")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(owners["total"], 1);
    assert_eq!(owners["rows"][0]["email"], "owner@acme.example");

    // The page renders the same list, with its search kept in the links.
    let html = admin.get("/admin/members?q=learner&page=1").await;
    assert_eq!(html.status, 200);
    assert!(html.body.contains("30 members"), "{}", html.body);
    assert!(
        html.body
            .contains("/acme/admin/members?q=learner&amp;page=2"),
        "{}",
        html.body
    );
}

#[tokio::test]
async fn roles_change_within_the_rules() {
    let w = world().await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let mut owner = signed_in(&w.app, Some("owner@acme.example")).await;
    let (member, admin_id, owner_id) = (w.member, w.admin, w.owner);

    // Admins handle everyone but owners.
    let page = admin
        .call(
            ChangeMemberRole::PATH,
            &format!("user_id={member}&role=instructor"),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(role_of(&w.app, member).await, "instructor");
    for form in [
        format!("user_id={member}&role=owner"),
        format!("user_id={owner_id}&role=member"),
    ] {
        let page = admin.call(ChangeMemberRole::PATH, &form).await;
        assert_eq!(page.status, 403, "{form}: {}", page.body);
        assert!(page.body.contains("owners_only"), "{}", page.body);
    }
    let page = admin
        .call(RemoveMember::PATH, &format!("user_id={owner_id}"))
        .await;
    assert_eq!(page.status, 403);
    let page = admin
        .call(
            ChangeMemberRole::PATH,
            &format!("user_id={member}&role=boss"),
        )
        .await;
    assert_eq!(page.status, 400);

    // The last owner stays one, whoever asks.
    let page = owner
        .call(
            ChangeMemberRole::PATH,
            &format!("user_id={owner_id}&role=admin"),
        )
        .await;
    assert_eq!(page.status, 409, "{}", page.body);
    let page = owner
        .call(RemoveMember::PATH, &format!("user_id={owner_id}"))
        .await;
    assert_eq!(page.status, 409);
    assert_eq!(role_of(&w.app, owner_id).await, "owner");

    // With a second owner, the first may step down.
    let page = owner
        .call(
            ChangeMemberRole::PATH,
            &format!("user_id={admin_id}&role=owner"),
        )
        .await;
    assert_eq!(page.status, 200);
    let page = owner
        .call(
            ChangeMemberRole::PATH,
            &format!("user_id={owner_id}&role=admin"),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(role_of(&w.app, owner_id).await, "admin");

    // Each change is in the tenant's audit log, with who made it.
    let changes = owner_scalar(
        &w.app,
        "SELECT count(*) FROM audit_log WHERE action = 'member.role_changed'",
    )
    .await;
    assert_eq!(changes, 3);
}

#[tokio::test]
async fn a_removed_member_is_signed_out_at_once() {
    let w = world().await;
    let mut member = signed_in(&w.app, Some("member@acme.example")).await;
    assert_eq!(member.call(MyLearning::PATH, "").await.status, 200);
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;

    // A plain form post (no JavaScript) comes back to the list with a notice.
    let page = admin
        .submit(
            RemoveMember::PATH,
            &format!("user_id={}", w.member),
            "/admin/members",
        )
        .await;
    assert_eq!(page.status, 302, "{}", page.body);
    assert_eq!(location(&page), "/acme/admin/members?done=removed");
    let notice = admin.get("/admin/members?done=removed").await;
    assert!(notice.body.contains("Member removed"));

    assert_eq!(role_of(&w.app, w.member).await, "none");
    assert_eq!(
        owner_scalar(
            &w.app,
            &format!(
                "SELECT count(*) FROM sessions WHERE user_id = '{}'",
                w.member
            )
        )
        .await,
        0
    );
    let after = member.call(MyLearning::PATH, "").await;
    assert_eq!(after.status, 401, "{}", after.body);
    let entry = owner_text(
        &w.app,
        "SELECT details->>'sessions_ended' FROM audit_log WHERE action = 'member.removed'",
    )
    .await;
    assert_eq!(entry, "1");
}
