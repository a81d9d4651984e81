//! Deleting a tenant from the console: typed confirmation, a grace period the job queue honours
//! (with a clock the test moves), cancellation, and afterwards not one row with its tenant id in
//! any table, nor its files, while the other tenant keeps everything.

use crate::rls::world;
use crate::support::*;
use app::api::console::{ConsoleCancelDeletion, ConsoleReactivateTenant, ConsoleScheduleDeletion};
use app::jobs::{ManualClock, Outcome, Worker};
use server_fn::ServerFn;
use std::sync::Arc;
use uuid::Uuid;

pub(crate) const ADMIN: &str = "root@atrium.example";

/// Every table with a `tenant_id` column, from the catalog (not a list kept by hand).
pub(crate) async fn tables_with_tenant_id(app: &TestApp) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    let rows = app
        .db
        .owner()
        .await
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT c.relname::text AS name FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_attribute a ON a.attrelid = c.oid \
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') \
               AND a.attname = 'tenant_id' AND NOT a.attisdropped ORDER BY 1"
                .to_owned(),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.try_get::<String>("", "name").unwrap())
        .collect()
}

/// Rows holding `tenant` in each table (tables with none left out).
async fn rows_of(app: &TestApp, tenant: Uuid) -> Vec<(String, i64)> {
    let mut found = Vec::new();
    for table in tables_with_tenant_id(app).await {
        let n = owner_scalar(
            app,
            &format!("SELECT count(*) FROM {table} WHERE tenant_id = '{tenant}'"),
        )
        .await;
        if n > 0 {
            found.push((table, n));
        }
    }
    found
}

fn worker(app: &TestApp, clock: &Arc<ManualClock>) -> Worker {
    Worker::new(
        app.state.db.clone(),
        clock.clone(),
        app.state.config.upload_dir.clone(),
    )
}

pub(crate) fn put_upload(app: &TestApp, tenant: Uuid) -> std::path::PathBuf {
    let folder = app.state.config.upload_dir.join(tenant.to_string());
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    folder
}

pub(crate) async fn signed_in_admin(app: &TestApp) {
    let db = &app.state.db;
    let t = tx(db, "beta").await;
    create_person(db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    make_super_admin(app, ADMIN).await;
}

#[tokio::test]
async fn a_deleted_tenant_leaves_no_row_and_no_file_once_its_grace_period_has_passed() {
    let w = world().await;
    let (alpha, beta) = (w.alpha, w.beta);
    let app = TestApp::spawn(w.test_db).await;
    signed_in_admin(&app).await;
    let alpha_files = put_upload(&app, alpha);
    let beta_files = put_upload(&app, beta);
    let before = rows_of(&app, alpha).await;
    assert!(before.len() >= 20, "alpha has rows everywhere: {before:?}");
    let beta_before = rows_of(&app, beta).await;

    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    // A wrong confirmation schedules nothing.
    let refused = admin
        .submit(
            ConsoleScheduleDeletion::PATH,
            "slug=alpha&confirm=alpa&grace_days=7&reason=Contract+ended",
            "/console/tenants/alpha",
        )
        .await;
    assert!(
        location(&refused).contains("error=confirmation_mismatch"),
        "{}",
        location(&refused)
    );
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);
    for grace in ["0", "91", "seven"] {
        let refused = admin
            .submit(
                ConsoleScheduleDeletion::PATH,
                &format!("slug=alpha&confirm=alpha&grace_days={grace}&reason=Contract+ended"),
                "/console/tenants/alpha",
            )
            .await;
        assert!(
            location(&refused).contains("error=grace_out_of_range"),
            "{grace}"
        );
    }

    let scheduled = admin
        .submit(
            ConsoleScheduleDeletion::PATH,
            "slug=alpha&confirm=alpha&grace_days=7&reason=Contract+ended",
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(scheduled.status, 302, "{}", scheduled.body);
    assert_eq!(location(&scheduled), "/console/tenants/alpha");
    // The portal closes at once; the console shows when the deletion runs.
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 503);
    let page = admin.get("/console/tenants/alpha").await;
    assert!(
        page.body.contains("data-testid=\"deletion-due\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("Cancel deletion"));
    // Reactivating a tenant that is about to be deleted is refused.
    let reopen = admin
        .submit(
            ConsoleReactivateTenant::PATH,
            "slug=alpha&reason=Oops",
            "/console/tenants/alpha",
        )
        .await;
    assert!(location(&reopen).contains("error=deletion_scheduled"));
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 503);

    // Scheduling ended alpha's sessions and added to the trail; everything else is as it was.
    // Usage counted so far is written now, not by the 10-second timer between the two counts.
    app.state.usage.flush(&app.state.db).await.unwrap();
    let scheduled_rows = rows_of(&app, alpha).await;
    assert!(!scheduled_rows.iter().any(|(t, _)| t == "sessions"));

    // Not a minute before the grace period ends.
    let clock = Arc::new(ManualClock::starting_at(chrono::Utc::now()));
    let jobs = worker(&app, &clock);
    assert_eq!(jobs.run_next().await.unwrap(), Outcome::Idle);
    clock.advance(chrono::Duration::days(7) - chrono::Duration::minutes(1));
    assert_eq!(jobs.run_next().await.unwrap(), Outcome::Idle);
    assert_eq!(rows_of(&app, alpha).await, scheduled_rows);
    assert!(alpha_files.exists());

    clock.advance(chrono::Duration::minutes(2));
    assert_eq!(
        jobs.run_next().await.unwrap(),
        Outcome::Done {
            kind: "tenant.delete".into()
        }
    );
    assert_eq!(
        rows_of(&app, alpha).await,
        vec![],
        "nothing of alpha is left"
    );
    assert_eq!(
        owner_scalar(
            &app,
            &format!("SELECT count(*) FROM tenants WHERE id = '{alpha}'")
        )
        .await,
        0
    );
    assert!(!alpha_files.exists(), "alpha's uploaded files are gone");
    assert!(beta_files.join("logo.png").exists(), "beta's files stay");
    // Beta keeps every row it had, and gained only the console's audit entries about it.
    let beta_after = rows_of(&app, beta).await;
    for (table, n) in &beta_before {
        let now = beta_after.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
        if table == "platform_audit" {
            assert!(now >= Some(*n), "{table}");
        } else {
            assert_eq!(now, Some(*n), "{table}");
        }
    }
    // The deletion is in the audit trail, with who asked for it and why.
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit a JOIN users u ON u.id = a.actor_user_id \
             WHERE a.action = 'tenant.deleted' AND a.details->>'slug' = 'alpha' \
               AND a.reason = 'Contract ended' AND u.email = 'root@atrium.example'"
        )
        .await,
        1
    );
    // It ran once: nothing is left to do, and the portal and its console page are gone.
    assert_eq!(jobs.run_next().await.unwrap(), Outcome::Idle);
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 404);
    assert_eq!(admin.get("/console/tenants/alpha").await.status, 404);
    assert_eq!(app.get("localhost", "/beta/courses").await.status, 200);
}

#[tokio::test]
async fn a_cancelled_deletion_never_runs_and_the_tenant_can_be_reactivated() {
    let w = world().await;
    let alpha = w.alpha;
    let app = TestApp::spawn(w.test_db).await;
    signed_in_admin(&app).await;
    let before = rows_of(&app, alpha).await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;

    // Nothing to cancel yet.
    let nothing = admin
        .submit(
            ConsoleCancelDeletion::PATH,
            "slug=alpha&reason=Changed+our+minds",
            "/console/tenants/alpha",
        )
        .await;
    assert!(location(&nothing).contains("error=nothing_scheduled"));

    let scheduled = admin
        .submit(
            ConsoleScheduleDeletion::PATH,
            "slug=alpha&confirm=alpha&grace_days=1&reason=Contract+ended",
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(location(&scheduled), "/console/tenants/alpha");
    // Cancelling needs a reason too.
    let no_reason = admin
        .submit(
            ConsoleCancelDeletion::PATH,
            "slug=alpha&reason=",
            "/console/tenants/alpha",
        )
        .await;
    assert!(location(&no_reason).contains("error=reason_required"));
    let cancelled = admin
        .submit(
            ConsoleCancelDeletion::PATH,
            "slug=alpha&reason=Contract+renewed",
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(location(&cancelled), "/console/tenants/alpha");
    let page = admin.get("/console/tenants/alpha").await;
    assert!(!page.body.contains("deletion-due"));

    let clock = Arc::new(ManualClock::starting_at(chrono::Utc::now()));
    clock.advance(chrono::Duration::days(30));
    assert_eq!(
        worker(&app, &clock).run_next().await.unwrap(),
        Outcome::Idle
    );
    let after = rows_of(&app, alpha).await;
    for (table, n) in &before {
        let now = after.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
        if ["platform_audit", "jobs", "audit_log"].contains(&table.as_str()) {
            assert!(now >= Some(*n), "{table}");
        } else if table != "sessions" {
            assert_eq!(now, Some(*n), "{table}: nothing was deleted");
        }
    }
    // The tenant stayed suspended; reactivating it is now allowed.
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 503);
    let reopened = admin
        .submit(
            ConsoleReactivateTenant::PATH,
            "slug=alpha&reason=Contract+renewed",
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(location(&reopened), "/console/tenants/alpha");
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit WHERE action IN \
             ('console.tenant.deletion_scheduled', 'console.tenant.deletion_cancelled')"
        )
        .await,
        2
    );
}
