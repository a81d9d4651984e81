//! Platform analytics in the console: SVG charts drawn on the server, each with a title, a
//! summary in words and a table of its figures, computed across tenants.

use crate::support::*;
use app::api::console::ConsoleAnalytics;
use app::billing::sales;
use app::data::repos::{courses, enrollments, payments};
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

#[tokio::test]
async fn analytics_show_tiers_growth_learning_revenue_and_the_busiest_tenants() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    let beta = create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    create_tenant(&db, TenantSpec::new("gamma", "Gamma Org", "#445566")).await;
    suspend(&db, beta).await;

    // Alpha: two learners enrolled, one completed, both active; one course bought for $49.
    let t = tx(&db, "alpha").await;
    let (course, _, lessons) = create_course(&t, "intro", "Intro", "public", true, &["One"]).await;
    for email in ["one@alpha.example", "two@alpha.example"] {
        let user = create_member(&db, &t, email, "member").await;
        enrollments::enroll(&t, course, user).await.unwrap();
        enrollments::view_lesson(&t, user, course, lessons[0])
            .await
            .unwrap();
        if email.starts_with("one") {
            enrollments::set_completed(&t, course, user, true)
                .await
                .unwrap();
            let price = courses::CourseChanges {
                price_cents: Some(4900),
                ..Default::default()
            };
            courses::update(&t, course, price).await.unwrap();
            let row = courses::find(&t, course).await.unwrap().unwrap();
            let invoice = sales::buy_course(&t, user, &row).await.unwrap();
            let now = chrono::Utc::now();
            assert!(
                payments::settle_invoice(&t, invoice.id, true, now)
                    .await
                    .unwrap()
            );
        }
    }
    t.commit().await.unwrap();
    // Gamma: one active learner.
    let t = tx(&db, "gamma").await;
    let (course, _, lessons) = create_course(&t, "intro", "Intro", "public", true, &["One"]).await;
    let user = create_member(&db, &t, "one@gamma.example", "member").await;
    enrollments::enroll(&t, course, user).await.unwrap();
    enrollments::view_lesson(&t, user, course, lessons[0])
        .await
        .unwrap();
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;

    let mut anonymous = Browser::console(&app, "localhost");
    assert_eq!(anonymous.get("/console/analytics").await.status, 404);
    assert_eq!(anonymous.call(ConsoleAnalytics::PATH, "").await.status, 404);

    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let page = admin.get("/console/analytics").await;
    assert_eq!(page.status, 200);
    let body = page.body;
    // Four charts, each an SVG with a title, a summary and a table of its figures.
    for id in ["tiers", "growth", "learning", "revenue"] {
        let chart = body
            .split(&format!("data-testid=\"chart-{id}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("chart {id} missing"))
            .split("</figure>")
            .next()
            .unwrap();
        assert!(chart.contains("<svg"), "{id}");
        assert!(chart.contains("role=\"img\""), "{id}");
        assert!(chart.contains("<h2"), "{id}");
        assert!(chart.contains("data-testid=\"chart-summary\""), "{id}");
        assert!(chart.contains("<table class=\"sr-only\""), "{id}");
        assert!(chart.contains("<rect"), "{id}");
    }
    assert!(body.contains("3 tenants: 2 active, 1 suspended. basic 3, premium 0, enterprise 0"));
    assert!(body.contains("3 new tenants in twelve months"));
    assert!(body.contains("3 enrolments and 1 completions in twelve weeks; this week 3 and 1."));
    assert!(body.contains("$49.00 paid in twelve months"));
    // The busiest first: alpha with two active learners, then gamma with one.
    assert!(body.contains("Alpha Org is the busiest, with 2 learners active in the last 30 days."));
    let busy: Vec<&str> = body.split("data-testid=\"busy-row\"").skip(1).collect();
    assert_eq!(busy.len(), 2);
    assert!(busy[0].contains("Alpha Org") && busy[0].contains("$49.00"));
    assert!(busy[1].contains("Gamma Org"));
    // No chart script: the page's figures are there without JavaScript.
    assert!(!body.contains("chart.js"));
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit WHERE action = 'console.analytics.viewed'"
        )
        .await,
        1
    );
}
