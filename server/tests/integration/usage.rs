//! What tenants cost, seen by an operator: Prometheus metrics on their own address (by route and
//! tier, never by tenant), and per-tenant usage by minute in the database, shown in the console's
//! "Noisy neighbours" view.

use crate::support::*;
use app::api::console::NoisyNeighbours;
use app::data::repos::tenant_usage::{self, BUCKETS, MinuteUsage};
use server::admission::AdmissionSettings;
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

/// The value of the Prometheus sample whose line starts with `series` (0 when absent).
fn sample(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .find(|line| line.starts_with(series))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

async fn scrape(app: &TestApp) -> String {
    let addr = app.state.metrics_addr.expect("metrics listener");
    let response = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_tier_on_their_own_address() {
    let app = TestApp::spawn_with(TestDb::new().await, |c| {
        c.metrics_addr = Some("127.0.0.1:0".parse().unwrap());
        c.admission = AdmissionSettings::default();
    })
    .await;
    create_tenant(&app.state.db, TenantSpec::new("alpha", "Alpha", "#112233")).await;
    let pages = r#"atrium_http_requests_total{route="page",tier="basic",status="2xx"}"#;
    let limited = r#"atrium_rate_limited_total{tier="basic"}"#;
    // Other tests in this process count into the same recorder: compare before and after.
    let before = scrape(&app).await;
    for _ in 0..3 {
        assert_eq!(app.get("alpha.localhost", "/courses").await.status, 200);
    }
    // Spend one client's burst (150) to be refused once.
    let mut refused = false;
    for _ in 0..200 {
        if app.get("alpha.localhost", "/signin").await.status == 429 {
            refused = true;
            break;
        }
    }
    assert!(refused);
    let after = scrape(&app).await;
    assert!(
        sample(&after, pages) - sample(&before, pages) >= 3.0,
        "{after}"
    );
    assert!(sample(&after, limited) - sample(&before, limited) >= 1.0);
    assert!(
        after.contains(
            r#"atrium_http_request_duration_seconds_bucket{route="page",tier="basic",le="0.1"}"#
        ),
        "latency is a histogram with buckets"
    );
    assert!(after.contains(r#"atrium_db_pool_connections{state="idle"}"#));
    assert!(after.contains(r#"atrium_jobs{status="queued"}"#));
    assert!(!after.contains("alpha"), "no tenant in any label");
    // Not on the public address.
    let public = app.get("alpha.localhost", "/metrics").await;
    assert!(!public.body.contains("atrium_http_requests_total"));
    let platform = app.get("localhost", "/metrics").await;
    assert_eq!(platform.status, 404);
}

#[tokio::test]
async fn usage_is_rolled_up_per_tenant_and_minute_and_instances_add_up() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    let alpha = create_tenant(&db, TenantSpec::new("alpha", "Alpha", "#112233")).await;
    let beta = create_tenant(&db, TenantSpec::new("beta", "Beta", "#112233")).await;
    for _ in 0..5 {
        assert_eq!(app.get("alpha.localhost", "/courses").await.status, 200);
    }
    assert_eq!(app.get("beta.localhost", "/courses").await.status, 200);
    assert_eq!(
        app.get("alpha.localhost", "/no-such-page").await.status,
        404
    );
    app.state.usage.flush(&db).await.unwrap();
    let sql = |t: uuid::Uuid, what: &str| {
        format!("SELECT coalesce(sum({what}), 0)::bigint FROM tenant_usage WHERE tenant_id = '{t}'")
    };
    assert_eq!(owner_scalar(&app, &sql(alpha, "requests")).await, 6);
    assert_eq!(owner_scalar(&app, &sql(beta, "requests")).await, 1);
    assert_eq!(owner_scalar(&app, &sql(alpha, "errors")).await, 0);
    assert!(
        owner_scalar(&app, &sql(alpha, "db_micros")).await > 0,
        "the catalog's database time is counted"
    );
    let bucketed =
        "SELECT coalesce(sum(b), 0)::bigint FROM tenant_usage, unnest(latency_buckets) b";
    assert_eq!(
        owner_scalar(&app, bucketed).await,
        7,
        "one bucket count per request"
    );

    // Another instance's counts for the same minute add to the row, bucket by bucket.
    let minute = owner_text(
        &app,
        &format!("SELECT max(minute)::text FROM tenant_usage WHERE tenant_id = '{alpha}'"),
    )
    .await;
    let minute = chrono::DateTime::parse_from_str(&format!("{minute}00"), "%Y-%m-%d %H:%M:%S%z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut buckets = vec![0; BUCKETS];
    buckets[BUCKETS - 1] = 2;
    let theirs = MinuteUsage {
        tenant_id: alpha,
        minute,
        requests: 2,
        errors: 1,
        limited: 0,
        db_micros: 10,
        buckets,
    };
    tenant_usage::add(&db, &[theirs]).await.unwrap();
    assert_eq!(owner_scalar(&app, &sql(alpha, "requests")).await, 8);
    assert_eq!(owner_scalar(&app, &sql(alpha, "errors")).await, 1);
    assert_eq!(owner_scalar(&app, bucketed).await, 9);

    // A tenant's own transactions see its usage only; another tenant's rows stay invisible.
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let conn = app.db.raw_app(1).await;
    let t = conn.begin().await.unwrap();
    t.execute_unprepared(&format!(
        "SELECT set_config('app.tenant_id', '{beta}', true)"
    ))
    .await
    .unwrap();
    let seen = t
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT count(*)::bigint AS n FROM tenant_usage",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(seen, 1, "beta sees its own minute only");
    t.rollback().await.unwrap();

    // Minutes older than the kept days are deleted by the housekeeping; recent ones stay.
    let old = chrono::Utc::now() - chrono::Duration::days(tenant_usage::KEPT_DAYS + 1);
    let old = old
        .with_timezone(&chrono::Utc)
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let ancient = MinuteUsage {
        tenant_id: beta,
        minute: old,
        requests: 1,
        errors: 0,
        limited: 0,
        db_micros: 0,
        buckets: vec![1],
    };
    tenant_usage::add(&db, &[ancient]).await.unwrap();
    assert_eq!(owner_scalar(&app, &sql(beta, "requests")).await, 2);
    assert_eq!(tenant_usage::prune(&db).await.unwrap(), 1);
    assert_eq!(owner_scalar(&app, &sql(beta, "requests")).await, 1);
    assert_eq!(owner_scalar(&app, &sql(alpha, "requests")).await, 8);
}

#[tokio::test]
async fn the_console_shows_the_noisiest_tenants_with_sparklines() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#112233")).await;
    create_tenant(&db, TenantSpec::new("quiet", "Quiet Org", "#112233")).await;
    let t = tx(&db, "quiet").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    make_super_admin(&app, ADMIN).await;

    let mut anonymous = Browser::console(&app, "localhost");
    assert_eq!(anonymous.get("/console/usage").await.status, 404);
    assert_eq!(anonymous.call(NoisyNeighbours::PATH, "").await.status, 404);

    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    app.state.usage.flush(&db).await.unwrap();
    let empty = admin.get("/console/usage").await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("usage-empty"), "{}", empty.body);

    for _ in 0..12 {
        app.get("alpha.localhost", "/courses").await;
    }
    for _ in 0..4 {
        app.get("beta.localhost", "/courses").await;
    }
    app.state.usage.flush(&db).await.unwrap();
    let page = admin.get("/console/usage").await;
    assert_eq!(page.status, 200);
    let rows: Vec<&str> = page
        .body
        .split("data-testid=\"usage-row\"")
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 2, "tenants without traffic are not listed");
    assert!(
        rows[0].contains("Alpha Org") && rows[1].contains("Beta Org"),
        "busiest first"
    );
    assert!(rows[0].contains(">12<"), "{}", rows[0]);
    assert!(rows[0].contains("data-testid=\"sparkline\"") && rows[0].contains("<polyline"));
    assert!(
        rows[0].contains("requests per minute over the last hour, at most 12"),
        "the sparkline says what it shows"
    );
    assert!(
        page.body.contains("Alpha Org made 12 of the 16 requests"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Quiet Org made"));
}
