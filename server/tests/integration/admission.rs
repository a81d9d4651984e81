//! Each tenant's share of the server over HTTP: its tier's rate limit and each client's within
//! it (429 with Retry-After and the RateLimit headers, a page for browsers, the error for server
//! functions), and a bound on its requests in flight that leaves other tenants unaffected.

use crate::support::*;
use app::api::catalog::ListCourses;
use server::admission::AdmissionSettings;
use server_fn::ServerFn;
use std::time::Duration;

#[tokio::test]
async fn a_client_over_its_share_of_the_tenant_s_rate_is_told_to_slow_down() {
    let app = TestApp::spawn_with(TestDb::new().await, |c| {
        c.admission = AdmissionSettings::default();
    })
    .await;
    for slug in ["alpha", "beta"] {
        create_tenant(&app.state.db, TenantSpec::new(slug, "Org", "#112233")).await;
    }
    // Basic tier: 600 a minute for the tenant, 300 for one client, half of each as burst.
    let first = app.get("localhost", "/alpha/courses").await;
    assert_eq!(first.status, 200);
    assert_eq!(first.headers["ratelimit-policy"], "\"tenant\";q=600;w=60");
    let mut refused = None;
    for n in 2..=200 {
        let page = app.get("localhost", "/alpha/courses").await;
        if page.status == 429 {
            refused = Some((n, page));
            break;
        }
        assert_eq!(page.status, 200, "{}", page.body);
    }
    let (n, page) = refused.expect("the client is limited");
    // 150 at once, and 5 more for each second the loop takes.
    assert!((150..=180).contains(&n), "refused at request {n}");
    let retry: u64 = page.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(page.headers["ratelimit-policy"], "\"tenant\";q=300;w=60");
    assert!(
        page.headers["ratelimit"]
            .to_str()
            .unwrap()
            .starts_with("\"tenant\";r=0;t=")
    );
    assert!(page.body.contains("Slow down"), "a page for browsers");

    let call = app.call("localhost", "/alpha", ListCourses::PATH, "").await;
    assert_eq!(call.status, 429);
    assert!(call.body.contains("RateLimited"), "{}", call.body);
    // Another client of the same tenant, and the same client at another tenant, go on.
    let mut other =
        Browser::new(&app, "localhost", "/alpha").connecting_from("127.0.0.2".parse().unwrap());
    assert_eq!(other.get("/courses").await.status, 200);
    assert_eq!(app.get("localhost", "/beta/courses").await.status, 200);
}

#[tokio::test]
async fn a_tenant_with_every_turn_taken_waits_while_others_go_straight_in() {
    let app = TestApp::spawn_with(TestDb::new().await, |c| {
        c.admission = AdmissionSettings {
            rate_limits: false,
            per_tenant: 1,
            queue: 0,
            queue_wait: Duration::from_millis(100),
            // The bound applies even while alpha has the server to itself.
            alone: 0,
        };
    })
    .await;
    for slug in ["alpha", "beta"] {
        create_tenant(
            &app.state.db,
            TenantSpec::new(slug, "Org", "#112233").everything(),
        )
        .await;
    }
    // A request whose body is still arriving holds alpha's only turn.
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(2);
    let body =
        reqwest::Body::wrap_stream(futures::stream::poll_fn(move |cx| receiver.poll_recv(cx)));
    let slow = tokio::spawn(
        app.request(reqwest::Method::POST, "localhost", "/alpha/payments/events")
            .header("atrium-signature", "t=1,v1=00")
            .body(body)
            .send(),
    );
    sender.send(Ok(b"{".to_vec())).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let busy = app.get("localhost", "/alpha/courses").await;
    assert_eq!(busy.status, 503, "{}", busy.body);
    assert!(busy.headers.contains_key("retry-after"));
    let call = app.call("localhost", "/alpha", ListCourses::PATH, "").await;
    assert_eq!(call.status, 503);
    assert!(call.body.contains("Busy"), "{}", call.body);
    assert_eq!(
        app.get("localhost", "/beta/courses").await.status,
        200,
        "beta is not held up by alpha"
    );

    sender.send(Ok(b"}".to_vec())).await.unwrap();
    drop(sender);
    assert_eq!(slow.await.unwrap().unwrap().status(), 400);
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);
}
