//! The demo data loads once, through the application's own doors, and the reserved slugs agree
//! between the Rust validator and the database constraint.

use crate::support::*;
use app::data::demo::{self, SHARED_LEARNER_EMAIL, SUPER_ADMIN_EMAIL, TENANTS};
use app::model::slug::RESERVED_SLUGS;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

async fn count(conn: &impl ConnectionTrait, sql: &str, value: &str) -> i64 {
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        [value.into()],
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}

#[tokio::test]
async fn demo_data_loads_once_with_every_partner() {
    let test_db = TestDb::new().await;
    let app = TestApp::spawn_with(test_db, |c| c.load_demo_data = true).await;
    let db = app.state.db.clone();
    assert_eq!(
        demo::load_once(&db).await.unwrap(),
        DemoOutcome::AlreadyPresent
    );

    let owner = app.db.owner().await;
    assert_eq!(
        count(&owner, "SELECT count(*) FROM tenants WHERE $1 = $1", "").await,
        TENANTS.len() as i64
    );
    assert_eq!(
        count(
            &owner,
            "SELECT count(*) FROM users WHERE is_super_admin AND email = $1",
            SUPER_ADMIN_EMAIL
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &owner,
            "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1",
            SHARED_LEARNER_EMAIL
        )
        .await,
        2,
        "one learner belongs to two tenants"
    );
    for slug in [
        "5q",
        "movement-leaders",
        "100-movements",
        "forge",
        "future-travelers",
    ] {
        let page = app.get("localhost", &format!("/{slug}")).await;
        assert_eq!(page.status, 200, "{slug}");
    }
    let five_q = app.get("localhost", "/5q").await;
    assert!(five_q.body.contains("--brand-primary:#1D4A38"));
    assert!(five_q.body.contains("--brand-secondary:#B2613E"));
    let ml = app.get("movement-leaders.localhost", "/").await;
    assert!(ml.body.contains("--brand-primary:#2563EB"));
    assert!(ml.body.contains("--brand-secondary:#DC2626"));

    // Public published courses only, for an anonymous visitor.
    let catalog = app.get("localhost", "/5q/courses").await;
    assert!(catalog.body.contains("The 5Q Framework"));
    assert!(
        !catalog.body.contains("APEST Team Dynamics"),
        "members-only course shown"
    );
    assert!(
        !catalog.body.contains("Facilitator Certification"),
        "draft course shown"
    );
    assert_eq!(app.get("localhost", "/harbor-guild").await.status, 503);

    // Each partner's own prices (seed 000), as a monthly plan and a one-off product.
    for offer in demo::offers::OFFERS {
        let plan = count(
            &owner,
            &format!(
                "SELECT count(*) FROM plans p JOIN tenants t ON t.id = p.tenant_id \
                 JOIN plan_prices pp ON pp.tenant_id = p.tenant_id AND pp.plan_id = p.id \
                 WHERE t.slug = $1 AND p.billing_interval = 'month' \
                 AND pp.amount_minor = {} AND pp.currency = 'USD'",
                offer.monthly_minor
            ),
            offer.tenant,
        )
        .await;
        let product = count(
            &owner,
            &format!(
                "SELECT count(*) FROM products p JOIN tenants t ON t.id = p.tenant_id \
                 WHERE t.slug = $1 AND p.amount_minor = {}",
                offer.product_minor
            ),
            offer.tenant,
        )
        .await;
        assert_eq!((plan, product), (1, 1), "{}", offer.tenant);
        let courses = count(
            &owner,
            "SELECT count(*) FROM plan_courses pc JOIN tenants t ON t.id = pc.tenant_id \
             WHERE t.slug = $1",
            offer.tenant,
        )
        .await;
        assert_eq!(courses, offer.plan_courses.len() as i64, "{}", offer.tenant);
    }
    assert_eq!(
        count(&owner, "SELECT count(*) FROM plans WHERE $1 = $1", "").await,
        5,
        "no plans for partners without an offer"
    );
    assert_eq!(app.get("learn.5q.example", "/").await.status, 200);

    // Passwords are stored as Argon2id hashes.
    let hashes = count(
        &owner,
        "SELECT count(*) FROM user_credentials WHERE password_hash LIKE '$argon2id$%' AND $1 = $1",
        "",
    )
    .await;
    let users = count(&owner, "SELECT count(*) FROM users WHERE $1 = $1", "").await;
    assert_eq!(hashes, users);
}

#[tokio::test]
async fn reserved_slugs_agree_between_rust_and_the_database() {
    let test_db = TestDb::new().await;
    let owner = test_db.owner().await;
    for slug in RESERVED_SLUGS {
        assert!(app::model::TenantSlug::parse(slug).is_err(), "{slug}");
        let result = owner
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO tenants (slug, name) VALUES ($1, 'Reserved')",
                [(*slug).into()],
            ))
            .await;
        let err = result.expect_err(slug);
        assert!(
            err.to_string().contains("tenants_slug_not_reserved"),
            "{slug}: {err}"
        );
    }
    // And the database refuses what the validator refuses.
    for (value, constraint) in [
        ("Upper", "tenants_slug_format"),
        ("-dash", "tenants_slug_format"),
        ("a_b", "tenants_slug_format"),
    ] {
        let err = owner
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO tenants (slug, name) VALUES ($1, 'Bad')",
                [value.into()],
            ))
            .await
            .expect_err(value);
        assert!(err.to_string().contains(constraint), "{value}: {err}");
    }
    for (column, value) in [
        ("primary_color", "red"),
        ("primary_color", "#000000;}"),
        ("logo_url", "javascript:alert(1)"),
        ("logo_url", "http://insecure.example/logo.png"),
        ("favicon_url", "https://x.example/a\"onload=\"x"),
    ] {
        let err = owner
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("INSERT INTO tenants (slug, name, {column}) VALUES ('ok-slug', 'Ok', $1)"),
                [value.into()],
            ))
            .await
            .expect_err(value);
        assert!(
            err.to_string().contains("check constraint"),
            "{column}={value}: {err}"
        );
    }
}
