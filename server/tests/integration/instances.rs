//! Several instances behind a load balancer, on one database (and one Redis where the machine
//! has it): a session made on one works on the other, a limit reached on one holds on the other,
//! and a branding edit made through one shows on the other.

use crate::support::*;
use app::api::admin::branding::SaveBranding;
use server::admission::AdmissionSettings;
use server::config::Config;
use server_fn::ServerFn;
use std::time::{Duration, Instant};

/// Both instances alike: limits on, shared through `redis` when given.
fn alike(redis: Option<String>) -> impl Fn(&mut Config) + Clone {
    move |c: &mut Config| {
        c.admission = AdmissionSettings::default();
        c.redis_url = redis.clone();
    }
}

async fn two_instances(redis: Option<String>) -> (TestApp, std::net::SocketAddr) {
    let app = TestApp::spawn_with(TestDb::new().await, alike(redis.clone())).await;
    let db = app.state.db.clone();
    create_tenant(&db, TenantSpec::new("acme", "Acme Learning", "#1D4A38")).await;
    let t = tx(&db, "acme").await;
    create_person(&db, &t, "admin@acme.example", "admin").await;
    create_person(&db, &t, "member@acme.example", "member").await;
    t.commit().await.unwrap();
    let (second, _server) = app.another_instance_with(alike(redis)).await;
    (app, second)
}

fn primary(page: &Page) -> String {
    let start = page.body.find("--brand-primary:").expect("theme") + "--brand-primary:".len();
    page.body[start..start + 7].to_owned()
}

#[tokio::test]
async fn a_session_and_a_branding_edit_made_on_one_instance_hold_on_the_other() {
    let (app, second) = two_instances(redis_url().await).await;
    let mut admin = Browser::new(&app, "localhost", "/acme");
    admin.sign_in("admin@acme.example", PASSWORD).await;
    // Warm the second instance's tenant cache with the old colours.
    let mut visitor = Browser::new(&app, "acme.localhost", "");
    visitor.at(second);
    assert_eq!(primary(&visitor.get("/").await), "#1D4A38");

    // The same cookie, sent to the other instance, is the same signed-in person.
    admin.at(second);
    let page = admin.get("/admin/branding").await;
    assert_eq!(page.status, 200, "signed in on the second instance too");
    assert!(page.body.contains("admin@acme.example") || page.body.contains("Branding"));

    // A branding edit saved through the first instance...
    admin.at(app.addr);
    let form = "form[name]=Acme%20Academy&form[tagline]=&form[primary]=%237c2d12\
                &form[secondary]=%23475569&form[accent]=%23B2613E";
    let saved = admin.call(SaveBranding::PATH, form).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    // ...shows on the second as soon as the database's notice reaches it.
    let started = Instant::now();
    loop {
        let colour = primary(&visitor.get("/").await);
        if colour == "#7C2D12" {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the second instance still shows {colour}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_limit_reached_on_one_instance_holds_on_the_other() {
    let Some(redis) = redis_url().await else {
        return;
    };
    let (app, second) = two_instances(Some(redis)).await;
    // Both instances must have reached Redis, or they would decide alone: /ready says so.
    for addr in [app.addr, second] {
        let started = Instant::now();
        loop {
            let ready = reqwest::get(format!("http://{addr}/ready")).await.unwrap();
            let body = ready.text().await.unwrap();
            if body.contains("limits shared") {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(5), "{addr}: {body}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    // A client's share of a basic tenant is a burst of 150: spend it half here, half there.
    let mut here = Browser::new(&app, "localhost", "/acme");
    let mut there = Browser::new(&app, "localhost", "/acme");
    there.at(second);
    for n in 0..150 {
        let page = if n % 2 == 0 {
            here.get("/signin").await
        } else {
            there.get("/signin").await
        };
        if page.status == 429 {
            // Refill at 5 a second lets a few more through while the loop runs, never fewer.
            panic!("refused at request {n}, inside the burst");
        }
    }
    let mut refused_here = false;
    let mut refused_there = false;
    for _ in 0..20 {
        refused_here |= here.get("/signin").await.status == 429;
        refused_there |= there.get("/signin").await.status == 429;
    }
    assert!(
        refused_here && refused_there,
        "both instances refuse once the shared burst is spent ({refused_here}, {refused_there})"
    );

    // Sign-in guesses too: five wrong passwords on one instance, the sixth on the other waits
    // (from another address, whose share of the tenant's rate is untouched).
    let mut guesser =
        Browser::new(&app, "localhost", "/acme").connecting_from("127.0.0.3".parse().unwrap());
    for _ in 0..5 {
        let page = guesser
            .call(
                app::api::auth::SignIn::PATH,
                "email=member%40acme.example&password=wrong-password-1",
            )
            .await;
        assert_eq!(page.status, 401, "{}", page.body);
    }
    guesser.at(second);
    let page = guesser
        .call(
            app::api::auth::SignIn::PATH,
            "email=member%40acme.example&password=wrong-password-1",
        )
        .await;
    assert_eq!(page.status, 429, "{}", page.body);
}
