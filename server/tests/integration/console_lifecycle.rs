//! Suspending and reactivating a tenant from the console: the portal answers "unavailable" at
//! once, everyone in it is signed out, its data stays, and the reason is in the audit trail.

use crate::support::*;
use app::api::console::{ConsoleReactivateTenant, ConsoleSuspendTenant};
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

#[tokio::test]
async fn a_suspended_portal_is_unavailable_at_once_and_its_sessions_end() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    let t = tx(&db, "alpha").await;
    create_course(&t, "intro", "Intro", "public", true, &["One"]).await;
    create_person(&db, &t, "member@alpha.example", "member").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let t = tx(&db, "beta").await;
    create_person(&db, &t, "member@beta.example", "member").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;

    let mut member = Browser::new(&app, "localhost", "/alpha");
    member.sign_in("member@alpha.example", PASSWORD).await;
    let mut neighbour = Browser::new(&app, "beta.localhost", "");
    neighbour.sign_in("member@beta.example", PASSWORD).await;
    assert_eq!(member.get("/courses").await.status, 200);

    let mut admin = console_browser(&app, "localhost", ADMIN).await;

    // No reason, no change.
    let refused = admin
        .submit(
            ConsoleSuspendTenant::PATH,
            "slug=alpha&reason=",
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(refused.status, 302);
    assert!(
        refused.headers["location"]
            .to_str()
            .unwrap()
            .contains("error=reason_required"),
        "{:?}",
        refused.headers.get("location")
    );
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);

    let suspended = admin
        .submit(
            ConsoleSuspendTenant::PATH,
            &format!("slug=alpha&reason={}", enc("Unpaid invoice 7")),
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(suspended.status, 302, "{}", suspended.body);
    for (host, path) in [("localhost", "/alpha/courses"), ("alpha.localhost", "/")] {
        let page = app.get(host, path).await;
        assert_eq!(page.status, 503, "{host}{path}");
        assert!(page.body.contains("unavailable"));
    }
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM sessions s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'alpha'").await,
        0,
        "everyone in the suspended tenant is signed out"
    );
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM courses c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'alpha'").await,
        1,
        "its data stays"
    );
    // Another tenant is untouched.
    assert_eq!(neighbour.get("/learning").await.status, 200);
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM sessions s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'beta'").await,
        1
    );
    let page = admin.get("/console/tenants/alpha").await;
    assert!(page.body.contains("Reactivate tenant"), "{}", page.body);

    let reactivated = admin
        .submit(
            ConsoleReactivateTenant::PATH,
            &format!("slug=alpha&reason={}", enc("Invoice paid")),
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(reactivated.status, 302, "{}", reactivated.body);
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);
    // The member's old cookie no longer signs them in.
    let learning = member.get("/learning").await;
    assert!(
        !learning.body.contains("member@alpha.example"),
        "{}",
        learning.body
    );
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit WHERE action IN \
             ('console.tenant.suspended', 'console.tenant.reactivated') \
             AND reason IN ('Unpaid invoice 7', 'Invoice paid')"
        )
        .await,
        2
    );
}

fn settings_form(primary: &str, idle: &str) -> String {
    [
        ("name", "Alpha Renamed"),
        ("tier", "enterprise"),
        ("courses", "true"),
        ("primary", primary),
        ("secondary", "#475569"),
        ("accent", "#B2613E"),
        ("signup", "invite"),
        ("idle_minutes", idle),
        ("max_sessions", "2"),
        ("reason", "Requested by their owner"),
    ]
    .iter()
    .map(|(k, v)| format!("{}={}", enc(&format!("form[{k}]")), enc(v)))
    .collect::<Vec<_>>()
    .join("&")
}

#[tokio::test]
async fn a_configuration_change_shows_on_the_portals_next_request() {
    use app::api::auth::SignUp;
    use app::api::console::ConsoleUpdateTenant;
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;
    // Warm the tenant cache in both modes first (community is on: the page exists, for members).
    assert_ne!(app.get("localhost", "/alpha/community").await.status, 404);
    assert_ne!(app.get("alpha.localhost", "/community").await.status, 404);

    let mut admin = console_browser(&app, "localhost", ADMIN).await;

    // Out of range: refused, nothing changes.
    let refused = admin
        .submit(
            ConsoleUpdateTenant::PATH,
            &format!("slug=alpha&{}", settings_form("#7C2D12", "1")),
            "/console/tenants/alpha",
        )
        .await;
    assert!(
        refused.headers["location"]
            .to_str()
            .unwrap()
            .contains("error=setting_out_of_range")
    );
    assert!(
        app.get("localhost", "/alpha/courses")
            .await
            .body
            .contains("--brand-primary:#112233")
    );

    let saved = admin
        .submit(
            ConsoleUpdateTenant::PATH,
            &format!("slug=alpha&{}", settings_form("#7C2D12", "60")),
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(saved.status, 302, "{}", saved.body);
    assert_eq!(saved.headers["location"], "/console/tenants/alpha");
    for (host, base) in [("localhost", "/alpha"), ("alpha.localhost", "")] {
        let page = app.get(host, &format!("{base}/courses")).await;
        assert!(page.body.contains("--brand-primary:#7C2D12"), "{host}");
        assert!(page.body.contains("Alpha Renamed"), "{host}");
        // Community was switched off.
        assert_eq!(
            app.get(host, &format!("{base}/community")).await.status,
            404,
            "{host}"
        );
    }
    // Sign-up is by invitation now.
    let refused = Browser::new(&app, "localhost", "/alpha")
        .call(
            SignUp::PATH,
            &format!(
                "email=new%40example.org&display_name=New&password={}",
                enc(PASSWORD)
            ),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit WHERE action = 'console.tenant.updated' \
             AND reason = 'Requested by their owner' \
             AND details -> 'before' ->> 'primary' = '#112233' \
             AND details -> 'after' ->> 'primary' = '#7C2D12'"
        )
        .await,
        1
    );
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT (settings -> 'session' ->> 'idle_minutes')::bigint FROM tenants WHERE slug = 'alpha'"
        )
        .await,
        60
    );
    // The form shows what is saved.
    let page = admin.get("/console/tenants/alpha").await;
    assert!(page.body.contains(r#"value="Alpha Renamed""#));
    assert!(page.body.contains(r#"value="60""#));
}

#[tokio::test]
async fn the_tenant_page_shows_members_by_role_usage_and_both_audit_trails() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    let alpha = create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    let t = tx(&db, "alpha").await;
    let (course, _, _) = create_course(&t, "intro", "Intro", "public", true, &["One"]).await;
    create_person(&db, &t, "owner@alpha.example", "owner").await;
    create_person(&db, &t, "admin@alpha.example", "admin").await;
    let learner = create_person(&db, &t, "one@alpha.example", "member").await;
    create_person(&db, &t, "two@alpha.example", "member").await;
    create_person(&db, &t, ADMIN, "member").await;
    app::data::repos::enrollments::enroll(&t, course, learner)
        .await
        .unwrap();
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;
    let uploads = app.state.config.upload_dir.join(alpha.to_string());
    std::fs::create_dir_all(&uploads).unwrap();
    std::fs::write(uploads.join("cover.png"), vec![0u8; 1500]).unwrap();
    Browser::new(&app, "localhost", "/alpha")
        .sign_in("one@alpha.example", PASSWORD)
        .await;

    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let page = admin.get("/console/tenants/alpha").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    // The text of the element carrying `attribute`.
    let text = |attribute: &str| {
        body.split(attribute)
            .nth(1)
            .and_then(|rest| rest.split_once('>'))
            .and_then(|(_, rest)| rest.split('<').next())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(text(r#"data-role="owner""#), "owner: 1");
    assert_eq!(text(r#"data-role="admin""#), "admin: 1");
    assert_eq!(text(r#"data-role="member""#), "member: 3");
    assert_eq!(text(r#"data-usage="members""#), "5");
    assert_eq!(text(r#"data-usage="courses""#), "1");
    assert_eq!(text(r#"data-usage="enrolments""#), "1");
    assert_eq!(text(r#"data-usage="storage""#), "1.5 KB");
    for expected in [
        "owner &lt;owner@alpha.example&gt; — owner",
        "auth.signed_in",
        "console.tenant.viewed",
    ] {
        assert!(body.contains(expected), "missing {expected}: {body}");
    }
}
