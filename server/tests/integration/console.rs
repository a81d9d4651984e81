//! The platform console: who may reach it (a super admin, and nobody else sees that it exists),
//! its cookie, its audit trail, and the tenant list's counts, search, filters, sorting and pages.

use crate::support::*;
use app::api::console::{ConsoleSignIn, ConsoleSignOut, ConsoleTenants};
use app::data::repos::enrollments;
use sea_orm::ConnectionTrait;
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

async fn owner_sql(app: &TestApp, sql: &str) {
    app.db
        .owner()
        .await
        .execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Alpha with an owner and a member; the super admin is an ordinary person with the flag set.
async fn world() -> TestApp {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, "owner@alpha.example", "owner").await;
    create_person(&db, &t, "member@alpha.example", "member").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;
    app
}

/// Signs in through the console's form as a browser without JavaScript does.
async fn console_sign_in(b: &mut Browser<'_>, email: &str, password: &str) -> Page {
    let form = format!("email={}&password={}", enc(email), enc(password));
    b.submit(ConsoleSignIn::PATH, &form, "/console/signin")
        .await
}

#[tokio::test]
async fn the_console_is_a_404_to_everyone_but_a_super_admin() {
    let app = world().await;
    let unknown = app.get("localhost", "/no-such-page-anywhere").await;
    assert_eq!(unknown.status, 404);

    // Anonymous: the console's pages and functions answer exactly like an unknown page.
    let mut anonymous = Browser::console(&app, "localhost");
    for path in ["/console", "/console/tenants/alpha", "/console/anything"] {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert_eq!(
            page.body, unknown.body,
            "{path} must look like any unknown page"
        );
    }
    for function in [ConsoleTenants::PATH, ConsoleSignOut::PATH] {
        let page = anonymous.call(function, "").await;
        assert_eq!(page.status, 404, "{function}: {}", page.body);
    }
    // The sign-in page is the one console address anyone can open.
    assert_eq!(anonymous.get("/console/signin").await.status, 200);

    // A tenant owner, signed in to their portal, is nobody here; their console sign-in is
    // refused exactly like a wrong password, and gets no cookie.
    let mut owner_portal = Browser::new(&app, "localhost", "/alpha");
    owner_portal.sign_in("owner@alpha.example", PASSWORD).await;
    let mut with_portal_cookie = Browser::new(&app, "localhost", "");
    with_portal_cookie.cookie = owner_portal.cookie.clone();
    assert_eq!(with_portal_cookie.get("/console").await.status, 404);
    let mut owner = Browser::console(&app, "localhost");
    let refused = console_sign_in(&mut owner, "owner@alpha.example", PASSWORD).await;
    let wrong = console_sign_in(&mut anonymous, "owner@alpha.example", "not the password").await;
    assert_eq!(refused.status, 302, "{}", refused.body);
    assert_eq!(
        refused.headers.get("location"),
        wrong.headers.get("location"),
        "a non-admin and a wrong password must get the same answer"
    );
    assert!(owner.cookie.is_none());
    assert_eq!(owner.get("/console").await.status, 404);

    // The super admin: signed in, the list works and each visit is audited.
    let mut admin = Browser::console(&app, "localhost");
    let signed_in = console_sign_in(&mut admin, ADMIN, PASSWORD).await;
    assert_eq!(signed_in.status, 302, "{}", signed_in.body);
    assert_eq!(
        signed_in.headers.get("location").unwrap().to_str().unwrap(),
        "/console"
    );
    let cookie = admin
        .set_cookies
        .iter()
        .find(|c| c.starts_with("atrium_console="))
        .expect("console cookie")
        .clone();
    assert!(cookie.contains("Path=/console"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(!cookie.to_ascii_lowercase().contains("domain="), "{cookie}");
    let list = admin.get("/console").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains(r#"data-slug="alpha""#));
    let called = admin.call(ConsoleTenants::PATH, "search=alpha").await;
    assert_eq!(called.status, 200, "{}", called.body);
    assert!(called.body.contains(r#""slug":"alpha""#), "{}", called.body);
    assert_eq!(
        owner_scalar(
            &app,
            &format!(
                "SELECT count(*) FROM platform_audit a JOIN users u ON u.id = a.actor_user_id \
                 WHERE u.email = '{ADMIN}' AND a.action = 'console.tenants.viewed'"
            )
        )
        .await,
        2
    );
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit WHERE action = 'console.signed_in'"
        )
        .await,
        1,
        "only the super admin's sign-in is recorded"
    );
    // Portals never see the console's cookie: it is not sent outside /console, and a portal
    // page with it is an anonymous visit.
    let mut portal = Browser::new(&app, "localhost", "/alpha");
    portal.cookie = admin.cookie.clone();
    let learning = portal.get("/learning").await;
    assert!(!learning.body.contains("root@atrium.example"));

    // The flag taken away mid-session: the next request is a 404.
    owner_sql(&app, "UPDATE users SET is_super_admin = false").await;
    assert_eq!(admin.get("/console").await.status, 404);
    assert_eq!(admin.call(ConsoleTenants::PATH, "").await.status, 404);
}

#[tokio::test]
async fn the_console_answers_on_its_own_host_and_signs_out() {
    let app = world().await;
    let home = app.get("admin.localhost", "/").await;
    assert_eq!(home.status, 303);
    assert_eq!(home.headers.get("location").unwrap(), "/console");
    assert_eq!(
        app.get("admin.localhost", "/alpha/courses").await.status,
        404
    );
    assert_eq!(app.get("admin.localhost", "/console").await.status, 404);

    let mut admin = Browser::console(&app, "admin.localhost");
    assert_eq!(
        console_sign_in(&mut admin, ADMIN, PASSWORD).await.status,
        302
    );
    let list = admin.get("/console").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Atrium console"));
    // Signed in, the sign-in page sends the admin on to the list.
    assert_eq!(admin.get("/console/signin").await.status, 303);

    let out = admin.submit(ConsoleSignOut::PATH, "", "/console").await;
    assert_eq!(out.status, 302, "{}", out.body);
    assert_eq!(out.headers.get("location").unwrap(), "/console/signin");
    assert_eq!(admin.get("/console").await.status, 404);
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM console_sessions WHERE user_id IS NOT NULL"
        )
        .await,
        0,
        "signing out deletes the session"
    );
}

/// Row slugs of a rendered list, in order, and its "Next page" address.
fn rows_and_next(body: &str) -> (Vec<String>, Option<String>) {
    let slugs = body
        .split(r#"data-slug=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect();
    let next = body
        .split(r#"rel="next""#)
        .next()
        .filter(|_| body.contains(r#"rel="next""#))
        .and_then(|before| before.rsplit(r#"href=""#).next())
        .and_then(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"));
    (slugs, next)
}

#[tokio::test]
async fn the_tenant_list_counts_searches_filters_sorts_and_pages() {
    let app = world().await;
    let db = &app.state.db;
    // Beta: three members, two courses, two enrolments, a domain, premium, suspended later.
    create_tenant(db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    let beta_id = resolve(db, "beta").await.id();
    add_domain(db, beta_id, "learn.beta.example", true).await;
    let t = tx(db, "beta").await;
    let (c1, _, _) = create_course(&t, "one", "One", "public", true, &["L"]).await;
    let (c2, _, _) = create_course(&t, "two", "Two", "public", true, &["L"]).await;
    let a = create_person(db, &t, "a@beta.example", "member").await;
    create_person(db, &t, "b@beta.example", "member").await;
    create_person(db, &t, "c@beta.example", "owner").await;
    enrollments::enroll(&t, c1, a).await.unwrap();
    enrollments::enroll(&t, c2, a).await.unwrap();
    t.commit().await.unwrap();
    owner_sql(
        &app,
        "UPDATE tenants SET tier = 'premium' WHERE slug = 'beta'",
    )
    .await;
    // Sixty more tenants, added in one statement (the counters take bulk inserts too).
    owner_sql(
        &app,
        "INSERT INTO tenants (slug, name) \
         SELECT 'load-' || n, 'Load ' || n FROM generate_series(1, 60) AS n",
    )
    .await;

    let mut admin = Browser::console(&app, "localhost");
    console_sign_in(&mut admin, ADMIN, PASSWORD).await;

    // Counts are the true counts, kept by the database.
    let beta = admin.call(ConsoleTenants::PATH, "search=beta").await;
    assert_eq!(beta.status, 200, "{}", beta.body);
    let page: serde_json::Value = serde_json::from_str(&beta.body).unwrap();
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{}", beta.body);
    assert_eq!(rows[0]["members"], 3);
    assert_eq!(rows[0]["courses"], 2);
    assert_eq!(rows[0]["enrolments"], 2);
    assert_eq!(
        rows[0]["domains"],
        serde_json::json!(["learn.beta.example"])
    );
    assert_eq!(rows[0]["tier"], "premium");

    // Search by domain; filters by tier and status.
    let (found, _) = rows_and_next(&admin.get("/console?q=learn.beta").await.body);
    assert_eq!(found, ["beta"]);
    let (premium, _) = rows_and_next(&admin.get("/console?tier=premium").await.body);
    assert_eq!(premium, ["beta"]);
    suspend(db, beta_id).await;
    let (suspended, _) = rows_and_next(&admin.get("/console?status=suspended").await.body);
    assert_eq!(suspended, ["beta"]);
    // A search with wildcard characters matches them literally.
    let (none, _) = rows_and_next(&admin.get("/console?q=%25").await.body);
    assert!(none.is_empty(), "{none:?}");

    // Sorted by members, biggest first: alpha (3) and beta (3) lead, ties broken by id.
    let (by_members, _) = rows_and_next(&admin.get("/console?sort=members").await.body);
    assert_eq!(
        {
            let mut top = by_members[..2].to_vec();
            top.sort();
            top
        },
        ["alpha", "beta"]
    );

    // Keyset pages: 62 tenants in pages of 50, every one exactly once, in name order.
    let (first, next) = rows_and_next(&admin.get("/console").await.body);
    assert_eq!(first.len(), 50);
    let next = next.expect("a next page");
    assert!(next.contains("after="), "{next}");
    let (second, last) = rows_and_next(&admin.get(&next).await.body);
    assert_eq!(second.len(), 12);
    assert!(last.is_none());
    let mut all: Vec<String> = first.into_iter().chain(second).collect();
    let in_order = all.clone();
    all.sort_by_key(|s| s.to_lowercase());
    all.dedup();
    assert_eq!(all.len(), 62);
    let mut by_name = in_order.clone();
    by_name.sort_by_key(|slug| match slug.as_str() {
        "alpha" => "alpha org".to_owned(),
        "beta" => "beta org".to_owned(),
        other => format!("load {}", other.trim_start_matches("load-")),
    });
    assert_eq!(in_order, by_name, "pages follow the name order");

    // Removing rows brings the counters down.
    owner_sql(
        &app,
        "DELETE FROM enrollments WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'beta')",
    )
    .await;
    let beta = admin.call(ConsoleTenants::PATH, "search=beta").await;
    let page: serde_json::Value = serde_json::from_str(&beta.body).unwrap();
    assert_eq!(page["rows"][0]["enrolments"], 0);
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM tenant_counters").await,
        owner_scalar(&app, "SELECT count(*) FROM tenants").await,
        "every tenant has its counters"
    );
}
