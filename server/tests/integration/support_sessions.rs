//! Switching into a tenant from the console: a support session with a reason and a time limit,
//! read-only unless write access was ticked, a banner on every page, every request and change
//! recorded with the super admin as actor and impersonator, and a way out.

use crate::support::*;
use app::api::console::ConsoleStartSupport;
use app::api::studio::courses::CreateCourse;
use app::api::support::{EnterSupport, LeaveSupport};
use sea_orm::ConnectionTrait;
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

async fn world() -> TestApp {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    let t = tx(&db, "alpha").await;
    create_course(&t, "intro", "Intro", "public", true, &["One"]).await;
    create_person(&db, &t, "owner@alpha.example", "owner").await;
    t.commit().await.unwrap();
    let t = tx(&db, "beta").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;
    app
}

/// Opens a support session from the console and returns the portal's way in (path and query).
async fn start(admin: &mut Browser<'_>, form: &str) -> String {
    let page = admin
        .submit(ConsoleStartSupport::PATH, form, "/console/tenants/alpha")
        .await;
    assert_eq!(page.status, 302, "{}", page.body);
    let to = location(&page);
    let path = to
        .strip_prefix("http://localhost")
        .unwrap_or_else(|| panic!("the portal on the platform host: {to}"));
    assert!(path.starts_with("/alpha/support?token="), "{path}");
    path.to_owned()
}

fn token_of(entry: &str) -> String {
    entry.split("token=").nth(1).unwrap().to_owned()
}

async fn enter<'a>(app: &'a TestApp, entry: &str) -> Browser<'a> {
    let mut portal = Browser::new(app, "localhost", "/alpha");
    let page = portal.get(entry.trim_start_matches("/alpha")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Enter support session"));
    let entered = portal
        .submit(
            EnterSupport::PATH,
            &format!("token={}", token_of(entry)),
            "/support",
        )
        .await;
    assert_eq!(entered.status, 302, "{}", entered.body);
    assert_eq!(location(&entered), "/alpha");
    portal
}

#[tokio::test]
async fn a_read_only_support_session_shows_its_banner_records_every_request_and_refuses_writes() {
    let app = world().await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;

    for (form, error) in [
        ("slug=alpha&reason=&minutes=30", "reason_required"),
        ("slug=alpha&reason=Ticket+42&minutes=90", "support_duration"),
        ("slug=alpha&reason=Ticket+42&minutes=4", "support_duration"),
    ] {
        let refused = admin
            .submit(ConsoleStartSupport::PATH, form, "/console/tenants/alpha")
            .await;
        assert!(
            location(&refused).contains(&format!("error={error}")),
            "{form}"
        );
    }
    let entry = start(&mut admin, "slug=alpha&reason=Ticket+42&minutes=30").await;
    let mut portal = enter(&app, &entry).await;

    // Every page shows who is in, until when, and the way out.
    for path in ["/", "/courses", "/courses/intro"] {
        let page = portal.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("data-testid=\"support-banner\""),
            "{path}"
        );
        assert!(page.body.contains("Support session by root"), "{path}");
        assert!(page.body.contains("read-only"), "{path}");
        assert!(page.body.contains("ends at"), "{path}");
    }
    // The studio opens (an admin's view), but nothing can be changed.
    assert_eq!(portal.get("/studio").await.status, 200);
    let refused = portal
        .call(
            CreateCourse::PATH,
            "title=Planted&slug=planted&summary=&access=public",
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused.body.contains("support_read_only"),
        "{}",
        refused.body
    );
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM courses WHERE slug = 'planted'").await,
        0
    );
    // Each request is in the tenant's log, with the super admin as actor and impersonator.
    let recorded = owner_scalar(
        &app,
        "SELECT count(*) FROM audit_log a JOIN tenants t ON t.id = a.tenant_id \
         JOIN users u ON u.id = a.actor_user_id \
         WHERE t.slug = 'alpha' AND a.action = 'support.request' \
           AND a.impersonator_id = a.actor_user_id AND u.email = 'root@atrium.example'",
    )
    .await;
    assert_eq!(recorded, 5, "three pages, the studio and the refused call");
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'support.request' \
             AND subject = 'GET /courses/intro'"
        )
        .await,
        1
    );
    // The way in works once.
    let mut again = Browser::new(&app, "localhost", "/alpha");
    let reused = again
        .submit(
            EnterSupport::PATH,
            &format!("token={}", token_of(&entry)),
            "/support",
        )
        .await;
    assert!(location(&reused).contains("error=support_entry_invalid"));
    assert!(!again.get("/").await.body.contains("support-banner"));

    // Its time runs out: the next request is anonymous again.
    app.db
        .owner()
        .await
        .execute_unprepared(
            "UPDATE support_sessions SET started_at = now() - interval '31 minutes', \
             expires_at = now() - interval '1 minute'",
        )
        .await
        .unwrap();
    let after = portal.get("/courses").await;
    assert_eq!(after.status, 200);
    assert!(!after.body.contains("support-banner"));
    assert_eq!(portal.get("/studio").await.status, 401);
}

#[tokio::test]
async fn with_write_access_changes_are_made_and_recorded_as_the_super_admins_then_leave_ends_it() {
    let app = world().await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let entry = start(
        &mut admin,
        "slug=alpha&reason=Fix+course&minutes=15&write=on",
    )
    .await;
    let mut portal = enter(&app, &entry).await;
    assert!(portal.get("/").await.body.contains("changes allowed"));
    let made = portal
        .call(
            CreateCourse::PATH,
            "title=Repaired&slug=repaired&summary=&access=public",
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    // The row audit names the super admin as actor and as impersonator.
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.impersonator_id \
             WHERE a.action = 'row.courses.insert' AND a.row_after->>'slug' = 'repaired' \
               AND a.actor_user_id = a.impersonator_id AND u.email = 'root@atrium.example'"
        )
        .await,
        1
    );

    // A learner's action needs a membership the super admin does not have: refused plainly.
    let enrol = portal
        .call(app::api::learning::Enroll::PATH, "slug=intro")
        .await;
    assert_eq!(enrol.status, 409, "{}", enrol.body);
    assert!(enrol.body.contains("Conflict"), "{}", enrol.body);

    // Leaving ends it for good and goes back to the console.
    let left = portal.submit(LeaveSupport::PATH, "", "/").await;
    assert_eq!(left.status, 302, "{}", left.body);
    assert_eq!(location(&left), "http://localhost/console/tenants/alpha");
    assert!(!portal.get("/").await.body.contains("support-banner"));
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM support_sessions WHERE ended_at IS NOT NULL"
        )
        .await,
        1
    );

    // The tenant's owners can read that it happened, and why, in their own audit log.
    use sea_orm::TransactionTrait;
    let alpha = resolve(&app.state.db, "alpha").await.id();
    let conn = app.db.raw_app(1).await;
    let txn = conn.begin().await.unwrap();
    txn.execute_unprepared(&format!(
        "SELECT set_config('app.tenant_id', '{alpha}', true)"
    ))
    .await
    .unwrap();
    let row = txn
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT count(*) AS n FROM audit_log \
             WHERE action = 'row.support_sessions.insert' \
               AND row_after->>'reason' = 'Fix course' AND row_after->>'write_access' = 'true' \
               AND NOT row_after ? 'entry_token_hash'"
                .to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<i64>("", "n").unwrap(), 1);
    txn.rollback().await.unwrap();

    // A suspended tenant cannot be switched into; nobody but a super admin can start one.
    suspend(&app.state.db, alpha).await;
    let refused = admin
        .submit(
            ConsoleStartSupport::PATH,
            "slug=alpha&reason=Again&minutes=15",
            "/console/tenants/alpha",
        )
        .await;
    assert!(
        location(&refused).contains("error="),
        "{}",
        location(&refused)
    );
    let mut anonymous = Browser::console(&app, "localhost");
    assert_eq!(
        anonymous
            .call(ConsoleStartSupport::PATH, "slug=beta&reason=x&minutes=15")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn taking_the_super_admin_flag_away_ends_their_support_sessions_at_once() {
    let app = world().await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let entry = start(&mut admin, "slug=alpha&reason=Ticket+7&minutes=30").await;
    let unused = start(&mut admin, "slug=alpha&reason=Ticket+8&minutes=30").await;
    let mut portal = enter(&app, &entry).await;
    assert!(portal.get("/").await.body.contains("support-banner"));

    app.db
        .owner()
        .await
        .execute_unprepared(&format!(
            "UPDATE users SET is_super_admin = false WHERE email = '{ADMIN}'"
        ))
        .await
        .unwrap();
    let after = portal.get("/").await;
    assert_eq!(after.status, 200);
    assert!(!after.body.contains("support-banner"));
    assert_eq!(portal.get("/studio").await.status, 401);
    // A way in issued before cannot be used either.
    let mut late = Browser::new(&app, "localhost", "/alpha");
    let refused = late
        .submit(
            EnterSupport::PATH,
            &format!("token={}", token_of(&unused)),
            "/support",
        )
        .await;
    assert!(location(&refused).contains("error=support_entry_invalid"));
}
