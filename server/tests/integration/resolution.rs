//! Tenant resolution over HTTP, as a browser or an attacker sends requests: path, subdomain,
//! custom domain, unknown, suspended, forged hosts, and malformed input.

use crate::support::*;
use app::api::catalog::{CourseOutline, ListCourses};
use app::model::Features;
use server_fn::ServerFn;

struct World {
    app: TestApp,
}

/// alpha (active, verified + unverified custom domains), beta (active, same course titles),
/// gamma (suspended), delta (courses switched off).
async fn world() -> World {
    let test_db = TestDb::new().await;
    let app = TestApp::spawn(test_db).await;
    let db = app.state.db.clone();
    let alpha = create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    let gamma = create_tenant(&db, TenantSpec::new("gamma", "Gamma Org", "#778899")).await;
    let mut delta = TenantSpec::new("delta", "Delta Org", "#AABBCC");
    delta.features = Features {
        community: true,
        ..Features::default()
    };
    create_tenant(&db, delta).await;
    add_domain(&db, alpha, "learn.alpha.example", true).await;
    add_domain(&db, alpha, "pending.alpha.example", false).await;

    for (slug, summary_marker) in [("alpha", "alpha"), ("beta", "beta")] {
        let t = tx(&db, slug).await;
        create_course(
            &t,
            "shared",
            "Shared Title",
            "public",
            true,
            &["First", "Second", "Third"],
        )
        .await;
        create_course(&t, "members-only", "Members Only", "members", true, &["M"]).await;
        create_course(&t, "drafty", "Drafty", "public", false, &["D"]).await;
        let _ = summary_marker;
        t.commit().await.unwrap();
    }
    let t = tx(&db, "gamma").await;
    create_course(&t, "g", "Gamma Course", "public", true, &["G"]).await;
    t.commit().await.unwrap();
    suspend(&db, gamma).await;
    World { app }
}

fn assert_tenant(page: &Page, name: &str, primary: &str) {
    assert_eq!(
        page.status,
        200,
        "{name}: {}",
        &page.body[..page.body.len().min(400)]
    );
    assert!(
        page.body.contains(&format!("Welcome to {name}")),
        "{name} home not rendered"
    );
    assert!(
        page.body.contains(&format!("--brand-primary:{primary}")),
        "{name} theme missing"
    );
    assert!(
        page.body.contains(&format!("<title>{name} · Home</title>")),
        "{name} title"
    );
}

fn assert_anonymous_404(page: &Page) {
    assert_eq!(page.status, 404);
    for name in ["Alpha", "Beta", "Gamma", "Delta"] {
        assert!(
            !page.body.contains(name),
            "a 404 must name no tenant, found {name}"
        );
    }
}

#[tokio::test]
async fn tenants_resolve_by_path_subdomain_and_verified_domain() {
    let World { app } = world().await;
    assert_tenant(
        &app.get("localhost", "/alpha").await,
        "Alpha Org",
        "#112233",
    );
    assert_tenant(
        &app.get("localhost:3000", "/alpha/").await,
        "Alpha Org",
        "#112233",
    );
    assert_tenant(
        &app.get("alpha.localhost:3000", "/").await,
        "Alpha Org",
        "#112233",
    );
    assert_tenant(
        &app.get("ALPHA.localhost", "/").await,
        "Alpha Org",
        "#112233",
    );
    assert_tenant(
        &app.get("learn.alpha.example", "/").await,
        "Alpha Org",
        "#112233",
    );
    assert_tenant(&app.get("beta.localhost", "/").await, "Beta Org", "#445566");

    // Links stay in the mode of arrival.
    let by_path = app.get("localhost", "/alpha/courses").await;
    assert!(by_path.body.contains("href=\"/alpha/courses/shared\""));
    let by_host = app.get("alpha.localhost", "/courses").await;
    assert!(by_host.body.contains("href=\"/courses/shared\""));
    assert!(!by_host.body.contains("href=\"/alpha/"));
    // The browser's islands are told the mode, and nothing else about the tenant.
    assert!(
        by_path
            .body
            .contains("id=\"atrium-portal\">{\"by\":\"path\",\"slug\":\"alpha\"}</script>"),
        "{}",
        by_path.body
    );
    assert!(
        by_host
            .body
            .contains("id=\"atrium-portal\">{\"by\":\"subdomain\"}</script>")
    );

    // The platform host itself.
    let platform = app.get("localhost", "/").await;
    assert_eq!(platform.status, 200);
    assert!(platform.body.contains("Learning portals for organisations"));
    assert!(
        !platform.body.contains("Alpha Org"),
        "the platform page lists no tenants"
    );
    let jump = app.get("localhost", "/?portal=alpha").await;
    assert_eq!(jump.status, 303);
    assert_eq!(jump.headers["location"], "/alpha");
}

#[tokio::test]
async fn unknown_suspended_and_forged_hosts_get_plain_pages() {
    let World { app } = world().await;
    assert_anonymous_404(&app.get("localhost", "/nobody").await);
    assert_anonymous_404(&app.get("nobody.localhost", "/").await);
    assert_anonymous_404(&app.get("pending.alpha.example", "/").await);
    assert_anonymous_404(&app.get("evil.example", "/").await);
    assert_anonymous_404(&app.get("alpha.localhost.evil.example", "/").await);
    assert_anonymous_404(&app.get("x.alpha.localhost", "/").await);

    for (host, path) in [("localhost", "/gamma"), ("gamma.localhost", "/courses")] {
        let page = app.get(host, path).await;
        assert_eq!(page.status, 503);
        assert!(page.body.contains("Portal unavailable"));
        assert!(!page.body.contains("Gamma"));
    }

    let bad_host = app.get("bad host!", "/").await;
    assert_eq!(bad_host.status, 400);
}

#[tokio::test]
async fn the_tenant_never_comes_from_query_headers_or_body() {
    let World { app } = world().await;
    let page = app
        .request(
            reqwest::Method::GET,
            "localhost",
            "/?tenant=alpha&slug=alpha",
        )
        .header("X-Tenant", "alpha")
        .header("X-Forwarded-Host", "learn.alpha.example")
        .header("Forwarded", "host=alpha.localhost")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(
        body.contains("Learning portals for organisations"),
        "platform page expected"
    );
    assert!(!body.contains("Alpha Org"));

    // A server function asked on beta's host answers for beta whatever the request says.
    let list = app
        .call(
            "beta.localhost",
            "",
            ListCourses::PATH,
            "tenant=alpha&tenant_id=alpha",
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("Summary of Shared Title"));
    let forwarded = app
        .request(reqwest::Method::POST, "localhost", ListCourses::PATH)
        .header("X-Forwarded-Host", "alpha.localhost")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(forwarded.status(), 404, "no tenant on the platform host");
}

#[tokio::test]
async fn server_functions_follow_the_mode_and_return_only_visible_courses() {
    let World { app } = world().await;
    let by_path = app.call("localhost", "/alpha", ListCourses::PATH, "").await;
    let by_host = app.call("alpha.localhost", "", ListCourses::PATH, "").await;
    let by_domain = app
        .call("learn.alpha.example", "", ListCourses::PATH, "")
        .await;
    for response in [&by_path, &by_host, &by_domain] {
        assert_eq!(response.status, 200, "{}", response.body);
        let list: Vec<app::model::CourseSummary> = serde_json::from_str(&response.body).unwrap();
        assert_eq!(
            list.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>(),
            ["shared"],
            "anonymous visitors see public published courses only"
        );
        assert_eq!(list[0].lesson_count, 3);
        assert!(
            !response.body.contains("tenant_id"),
            "DTOs carry no tenant ids"
        );
    }

    let outline = app
        .call("localhost", "/alpha", CourseOutline::PATH, "slug=shared")
        .await;
    assert_eq!(outline.status, 200);
    let detail: app::model::CourseDetail = serde_json::from_str(&outline.body).unwrap();
    let lessons: Vec<_> = detail.modules[0]
        .lessons
        .iter()
        .map(|l| l.title.as_str())
        .collect();
    assert_eq!(lessons, ["First", "Second", "Third"]);

    for slug in ["members-only", "drafty", "nope", "..%2F..", "<script>"] {
        let response = app
            .call(
                "localhost",
                "/alpha",
                CourseOutline::PATH,
                &format!("slug={slug}"),
            )
            .await;
        assert_eq!(response.status, 404, "{slug}: {}", response.body);
    }

    // Platform host without a tenant, an unknown function, and a disabled feature.
    assert_eq!(
        app.call("localhost", "", ListCourses::PATH, "")
            .await
            .status,
        404
    );
    assert_eq!(
        app.call("localhost", "/alpha", "/api/no_such_function", "")
            .await
            .status,
        404
    );
    let disabled = app.call("localhost", "/delta", ListCourses::PATH, "").await;
    assert_eq!(disabled.status, 404);
    assert!(
        disabled.body.contains("FeatureDisabled"),
        "{}",
        disabled.body
    );
    // Malformed arguments get a 400, not a 500.
    let garbage = app
        .request(
            reqwest::Method::POST,
            "localhost",
            &format!("/alpha{}", CourseOutline::PATH),
        )
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body("%%%")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), 400);
}

#[tokio::test]
async fn pages_answer_malformed_or_disabled_urls_with_404_not_500() {
    let World { app } = world().await;
    let course = app.get("localhost", "/alpha/courses/shared").await;
    assert_eq!(course.status, 200);
    assert!(course.body.contains("Shared Title"));
    let first = course.body.find("First").unwrap();
    let third = course.body.find("Third").unwrap();
    assert!(first < third, "lessons in order");

    for path in [
        "/alpha/courses/members-only",
        "/alpha/courses/drafty",
        "/alpha/courses/%ZZ",
        "/alpha/courses/%3Cscript%3E",
        "/alpha/courses/a/b/c",
        "/alpha/no-such-page",
        "/alpha/community",
        "/delta/courses",
        "/delta/courses/shared",
        "/ALPHA",
        "/al%00pha",
        &format!("/{}", "a".repeat(300)),
    ] {
        let page = app.get("localhost", path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(!page.body.contains("panicked"), "{path}");
    }
    // The same course title in two tenants: each page shows its own.
    let beta = app.get("beta.localhost", "/courses/shared").await;
    assert_eq!(beta.status, 200);
    assert!(beta.body.contains("Beta Org"));
    assert!(!beta.body.contains("Alpha Org"));

    let post = app
        .request(reqwest::Method::POST, "localhost", "/alpha/courses")
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 405);
    let health = app.get("localhost", "/health").await;
    assert_eq!((health.status, health.body.as_str()), (200, "ok"));
    let id = health.headers["x-request-id"].to_str().unwrap();
    assert!(
        uuid::Uuid::parse_str(id).is_ok(),
        "every response carries its request id: {id}"
    );
}
