//! Resolved tenants are cached in the server, yet a change to a tenant shows on the very next
//! request: platform work empties this process's cache at commit, and any other change (another
//! instance, a tenant admin, an operator's SQL) is announced by the database's NOTIFY.

use crate::support::*;
use app::data::PlatformTx;
use app::data::repos::tenants;
use app::model::{Branding, Features, HexColor};
use sea_orm::ConnectionTrait;

async fn world() -> (TestApp, uuid::Uuid) {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    let alpha = create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    (app, alpha)
}

const MODES: [(&str, &str); 2] = [("localhost", "/alpha"), ("alpha.localhost", "")];

async fn primary_colour(app: &TestApp, host: &str, base: &str) -> String {
    let page = app.get(host, &format!("{base}/")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let start = page.body.find("--brand-primary:").expect("theme") + "--brand-primary:".len();
    page.body[start..start + 7].to_owned()
}

#[tokio::test]
async fn platform_changes_show_on_the_next_request_in_every_mode() {
    let (app, alpha) = world().await;
    let db = app.state.db.clone();
    for (host, base) in MODES {
        // Warm the cache.
        assert_eq!(primary_colour(&app, host, base).await, "#112233");
        // Community is on: its page asks for a sign-in rather than not existing.
        assert_eq!(
            app.get(host, &format!("{base}/community")).await.status,
            401
        );
    }

    let platform = PlatformTx::begin(&db, "test: rebrand").await.unwrap();
    let branding = Branding {
        primary: HexColor::parse("#AA0000").unwrap(),
        ..Branding::default()
    };
    let features = Features {
        courses: true,
        ..Features::default()
    };
    let changes = tenants::PortalChanges {
        branding: Some(&branding),
        features: Some(features),
        ..Default::default()
    };
    assert!(
        tenants::update_portal(&platform, alpha, changes)
            .await
            .unwrap()
    );
    platform.commit().await.unwrap();
    for (host, base) in MODES {
        assert_eq!(primary_colour(&app, host, base).await, "#AA0000", "{host}");
        assert_eq!(
            app.get(host, &format!("{base}/community")).await.status,
            404,
            "{host}: a feature switched off is gone at once"
        );
    }

    suspend(&db, alpha).await;
    for (host, base) in MODES {
        assert_eq!(
            app.get(host, &format!("{base}/")).await.status,
            503,
            "{host}"
        );
    }
}

#[tokio::test]
async fn changes_made_elsewhere_are_heard_through_notify() {
    let (app, _) = world().await;
    for (host, base) in MODES {
        assert_eq!(primary_colour(&app, host, base).await, "#112233");
    }
    // An operator (or another instance) changes the tenant behind this server's back.
    let owner = app.db.owner().await;
    owner
        .execute_unprepared("UPDATE tenants SET primary_color = '#00AA00' WHERE slug = 'alpha'")
        .await
        .unwrap();
    // The notice travels asynchronously; it arrives within moments, not at the cache's timeout.
    let started = std::time::Instant::now();
    for (host, base) in MODES {
        loop {
            let colour = primary_colour(&app, host, base).await;
            if colour == "#00AA00" {
                break;
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(5),
                "{host} still shows {colour}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
    owner
        .execute_unprepared("UPDATE tenants SET status = 'suspended' WHERE slug = 'alpha'")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while app.get("alpha.localhost", "/").await.status != 503 {
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn the_cache_answers_repeat_visits_without_asking_the_database() {
    let (app, _) = world().await;
    let db = app.state.db.clone();
    let owner = app.db.owner().await;
    // The notice of creating alpha arrives on its own time; wait until it has been heard, or it
    // could empty the cache between the two visits below.
    let heard = db.tenants().notices_heard();
    owner
        .execute_unprepared(&format!(
            "NOTIFY {}, 'settle'",
            app::data::tenant_cache::CHANNEL
        ))
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while db.tenants().notices_heard() == heard {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "no notice heard"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(app.get("alpha.localhost", "/").await.status, 200);
    // With the resolver function's rights taken away, a lookup would fail: only the cache answers.
    owner
        .execute_unprepared(
            "REVOKE EXECUTE ON FUNCTION atrium_tenant_by_slug(text) FROM atrium_app",
        )
        .await
        .unwrap();
    let cached = app.get("alpha.localhost", "/").await.status;
    db.tenants().clear();
    let uncached = app.get("alpha.localhost", "/").await.status;
    owner
        .execute_unprepared("GRANT EXECUTE ON FUNCTION atrium_tenant_by_slug(text) TO atrium_app")
        .await
        .unwrap();
    assert_eq!(cached, 200, "a repeat visit is served from the cache");
    assert_eq!(uncached, 503, "an uncached lookup does go to the database");
}
