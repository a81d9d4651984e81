//! Sign-up and session policies, saved by admins and in force on the next request.

use super::*;
use app::api::admin::policies::{AdminPolicies, SavePolicies};
use app::api::auth::SignUp;
use server_fn::ServerFn;

fn form(signup: &str, idle: &str, max: &str) -> String {
    format!("form[signup]={signup}&form[idle_minutes]={idle}&form[max_sessions]={max}")
}

#[tokio::test]
async fn policies_are_bounded_and_apply_on_the_next_request() {
    let w = world().await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let current: serde_json::Value =
        serde_json::from_str(&admin.call(AdminPolicies::PATH, "").await.body).unwrap();
    assert_eq!(current["policies"]["signup_open"], true);
    assert!(current["levels"].as_array().unwrap().is_empty());

    for bad in [
        form("maybe", "60", "3"),
        form("open", "4", "3"),
        form("open", "60", "51"),
        form("open", "many", "3"),
    ] {
        let page = admin.call(SavePolicies::PATH, &bad).await;
        assert_eq!(page.status, 400, "{bad}: {}", page.body);
    }
    let sign_up = format!(
        "email=joiner%40example.org&display_name=Joiner&password={}",
        enc(PASSWORD)
    );

    let page = admin
        .submit(
            SavePolicies::PATH,
            &form("invite", "60", "2"),
            "/admin/policies",
        )
        .await;
    assert_eq!(page.status, 302, "{}", page.body);
    assert_eq!(location(&page), "/acme/admin/policies?done=saved");
    let mut visitor = Browser::new(&w.app, "localhost", "/acme");
    let refused = visitor.call(SignUp::PATH, &sign_up).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    // By subdomain too.
    let mut by_host = Browser::new(&w.app, "acme.localhost", "");
    assert_eq!(by_host.call(SignUp::PATH, &sign_up).await.status, 403);

    let shown = admin.get("/admin/policies").await;
    assert!(shown.body.contains("value=\"60\""), "{}", shown.body);
    let stored = owner_text(
        &w.app,
        "SELECT settings::text FROM tenants WHERE slug = 'acme'",
    )
    .await;
    assert!(stored.contains("\"max_sessions\": 2"), "{stored}");

    admin
        .call(SavePolicies::PATH, &form("open", "60", "2"))
        .await;
    let page = visitor.call(SignUp::PATH, &sign_up).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM audit_log WHERE action = 'tenant.policies_changed'"
        )
        .await,
        2
    );
}
