//! The background job queue: a job killed mid-run is claimed again once its lease runs out and
//! does its effect once; failures back off and end as "failed", which the console retries or
//! discards; the in-process worker runs due jobs unless ATRIUM_JOBS=off.

use crate::support::*;
use app::api::console::{ConsoleDiscardJob, ConsoleJobs, ConsoleRetryJob};
use app::data::PlatformTx;
use app::data::repos::{jobs, tenants};
use app::jobs::tenant_deletion::{self, Request};
use app::jobs::{Clock, ManualClock, Outcome, Worker, backoff};
use chrono::{Duration, Utc};
use server_fn::ServerFn;
use std::sync::Arc;
use uuid::Uuid;

const ADMIN: &str = "root@atrium.example";

async fn schedule_deletion(app: &TestApp, tenant: Uuid, slug: &str, at: chrono::DateTime<Utc>) {
    let db = &app.state.db;
    let t = tx(db, slug).await;
    let admin = create_person(db, &t, &format!("asker@{slug}.example"), "owner").await;
    t.commit().await.unwrap();
    let platform = PlatformTx::begin(db, "test fixture").await.unwrap();
    let request = Request {
        slug: slug.into(),
        name: slug.into(),
        reason: "test".into(),
        requested_by: admin,
    };
    assert!(
        tenant_deletion::schedule(&platform, tenant, &request, at)
            .await
            .unwrap()
    );
    // Scheduling the same work again is a no-op (idempotent by key).
    assert!(
        !tenant_deletion::schedule(&platform, tenant, &request, at)
            .await
            .unwrap()
    );
    platform.commit().await.unwrap();
}

async fn tenant_exists(app: &TestApp, tenant: Uuid) -> bool {
    owner_scalar(
        app,
        &format!("SELECT count(*) FROM tenants WHERE id = '{tenant}'"),
    )
    .await
        == 1
}

async fn job_field(app: &TestApp, field: &str) -> String {
    owner_text(
        app,
        &format!("SELECT {field}::text FROM jobs WHERE kind = 'tenant.delete'"),
    )
    .await
}

#[tokio::test]
async fn a_job_killed_mid_run_is_claimed_again_after_its_lease_and_does_its_effect_once() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    let doomed = create_tenant(&db, TenantSpec::new("doomed", "Doomed", "#112233")).await;
    let app = TestApp::spawn(test_db).await;
    let now = Utc::now();
    schedule_deletion(&app, doomed, "doomed", now - Duration::minutes(1)).await;
    let clock = Arc::new(ManualClock::starting_at(now));
    let worker = Worker::new(
        app.state.db.clone(),
        clock.clone(),
        app.state.config.upload_dir.clone(),
    );

    // A worker claims the job, starts deleting, and dies before committing.
    let killed = jobs::claim_next(&app.state.db, now, worker.lease())
        .await
        .unwrap()
        .expect("the job is due");
    assert_eq!(killed.attempts, 1);
    {
        let tx = PlatformTx::begin(&app.state.db, "test: a worker about to die")
            .await
            .unwrap();
        assert!(jobs::finish(&tx, &killed, now).await.unwrap());
        assert!(tenants::delete(&tx, doomed).await.unwrap());
        // Dropped here without a commit, as a killed process's transaction is.
    }
    assert!(tenant_exists(&app, doomed).await, "nothing half done");
    assert_eq!(job_field(&app, "status").await, "running");

    // While its lease holds, nobody else takes it.
    clock.advance(Duration::minutes(4));
    assert_eq!(worker.run_next().await.unwrap(), Outcome::Idle);
    // Once it has run out, the next worker does.
    clock.advance(Duration::minutes(2));
    assert_eq!(
        worker.run_next().await.unwrap(),
        Outcome::Done {
            kind: "tenant.delete".into()
        }
    );
    assert!(!tenant_exists(&app, doomed).await);
    assert_eq!(job_field(&app, "status").await, "done");
    assert_eq!(job_field(&app, "attempts").await, "2");
    // The dead worker's claim is stale: it could not mark the job done now.
    let tx = PlatformTx::begin(&app.state.db, "test: the dead worker wakes")
        .await
        .unwrap();
    assert!(!jobs::finish(&tx, &killed, clock.now()).await.unwrap());
    drop(tx);
    assert_eq!(worker.run_next().await.unwrap(), Outcome::Idle);
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit WHERE action = 'tenant.deleted'"
        )
        .await,
        1,
        "the effect happened once"
    );
}

#[tokio::test]
async fn failures_back_off_then_fail_and_the_console_retries_or_discards_them() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    let stuck = create_tenant(&db, TenantSpec::new("stuck", "Stuck", "#112233")).await;
    let home = create_tenant(&db, TenantSpec::new("home", "Home", "#445566")).await;
    let app = TestApp::spawn(test_db).await;
    let t = tx(&app.state.db, "home").await;
    create_person(&app.state.db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    make_super_admin(&app, ADMIN).await;
    let _ = home;

    // A file where the tenant's upload folder should be: removing the folder fails every time.
    std::fs::create_dir_all(&app.state.config.upload_dir).unwrap();
    let blocker = app.state.config.upload_dir.join(stuck.to_string());
    std::fs::write(&blocker, b"not a folder").unwrap();
    let now = Utc::now();
    schedule_deletion(&app, stuck, "stuck", now).await;
    // And a job no handler knows: it fails for good at once.
    let platform = PlatformTx::begin(&app.state.db, "test fixture")
        .await
        .unwrap();
    jobs::enqueue(
        &platform,
        jobs::NewJob {
            kind: "report.nightly",
            key: "report.nightly:1",
            tenant: None,
            payload: serde_json::json!({}),
            run_at: now,
            max_attempts: 3,
        },
    )
    .await
    .unwrap();
    platform.commit().await.unwrap();

    let clock = Arc::new(ManualClock::starting_at(now));
    let worker = Worker::new(
        app.state.db.clone(),
        clock.clone(),
        app.state.config.upload_dir.clone(),
    );
    let mut outcomes = worker.run_due(10).await.unwrap();
    outcomes.sort_by_key(|o| format!("{o:?}"));
    assert_eq!(
        outcomes,
        vec![
            Outcome::Failed {
                kind: "report.nightly".into()
            },
            Outcome::Retrying {
                kind: "tenant.delete".into(),
                at: now + backoff(1)
            },
        ]
    );
    assert!(
        tenant_exists(&app, stuck).await,
        "the failed attempt was rolled back"
    );
    // Each retry waits twice as long; after five attempts the job has failed.
    for attempt in 2..=5 {
        clock.advance(backoff(attempt - 1) - Duration::seconds(1));
        assert_eq!(worker.run_next().await.unwrap(), Outcome::Idle, "{attempt}");
        clock.advance(Duration::seconds(1));
        let outcome = worker.run_next().await.unwrap();
        if attempt < 5 {
            assert_eq!(
                outcome,
                Outcome::Retrying {
                    kind: "tenant.delete".into(),
                    at: clock.now() + backoff(attempt)
                }
            );
        } else {
            assert_eq!(
                outcome,
                Outcome::Failed {
                    kind: "tenant.delete".into()
                }
            );
        }
    }
    assert!(
        job_field(&app, "last_error")
            .await
            .contains("could not remove")
    );

    // The console shows both failed jobs with their errors.
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let page = admin.get("/console/jobs").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.body.matches("data-testid=\"job-row\"").count(),
        2,
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("no handler for jobs of kind report.nightly")
    );
    assert!(page.body.contains("stuck"));
    let view = admin.call(ConsoleJobs::PATH, "").await;
    assert!(view.body.contains("\"failed\":2"), "{}", view.body);

    // Discard the unknown one; fix the folder and retry the deletion.
    let id = |kind: &str| {
        let kind = kind.to_owned();
        let app = &app;
        async move {
            use sea_orm::ConnectionTrait;
            app.db
                .owner()
                .await
                .query_one_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::Postgres,
                    format!("SELECT id FROM jobs WHERE kind = '{kind}'"),
                ))
                .await
                .unwrap()
                .unwrap()
                .try_get::<Uuid>("", "id")
                .unwrap()
        }
    };
    let report = id("report.nightly").await;
    let deletion = id("tenant.delete").await;
    let discarded = admin
        .submit(
            ConsoleDiscardJob::PATH,
            &format!("id={report}"),
            "/console/jobs",
        )
        .await;
    assert_eq!(discarded.headers["location"], "/console/jobs");
    // Discarding it twice: it is no longer failed.
    let again = admin
        .submit(
            ConsoleDiscardJob::PATH,
            &format!("id={report}"),
            "/console/jobs",
        )
        .await;
    assert!(
        again.headers["location"]
            .to_str()
            .unwrap()
            .contains("error=not_found")
    );
    std::fs::remove_file(&blocker).unwrap();
    let retried = admin
        .submit(
            ConsoleRetryJob::PATH,
            &format!("id={deletion}"),
            "/console/jobs",
        )
        .await;
    assert_eq!(retried.headers["location"], "/console/jobs");
    // The console queued it for the real time now; the test clock is a few minutes ahead.
    assert_eq!(
        worker.run_next().await.unwrap(),
        Outcome::Done {
            kind: "tenant.delete".into()
        }
    );
    assert!(!tenant_exists(&app, stuck).await);
    let page = admin.get("/console/jobs").await;
    assert_eq!(page.body.matches("data-testid=\"job-row\"").count(), 0);
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit WHERE action IN \
             ('console.job.retried', 'console.job.discarded', 'console.jobs.viewed')"
        )
        .await,
        5,
        "three views, one discard, one retry (the refused discard left nothing)"
    );
}

#[tokio::test]
async fn the_job_queue_is_a_404_to_everyone_but_a_super_admin() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(&db, TenantSpec::new("alpha", "Alpha", "#112233")).await;
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, "owner@alpha.example", "owner").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    let id = Uuid::new_v4();
    let mut anonymous = Browser::console(&app, "localhost");
    let mut owner = Browser::new(&app, "localhost", "/alpha");
    owner.sign_in("owner@alpha.example", PASSWORD).await;
    for b in [&mut anonymous, &mut owner] {
        assert_eq!(b.get("/console/jobs").await.status, 404);
        for (function, form) in [
            (ConsoleJobs::PATH, String::new()),
            (ConsoleRetryJob::PATH, format!("id={id}")),
            (ConsoleDiscardJob::PATH, format!("id={id}")),
        ] {
            assert_eq!(b.call(function, &form).await.status, 404, "{function}");
        }
    }
}

#[tokio::test]
async fn the_server_works_the_queue_itself_unless_jobs_are_off() {
    for jobs_on in [true, false] {
        let test_db = TestDb::new().await;
        let db = test_db.app_db().await;
        let doomed = create_tenant(&db, TenantSpec::new("doomed", "Doomed", "#112233")).await;
        let app = TestApp::spawn_with(test_db, |c| c.jobs = jobs_on).await;
        schedule_deletion(&app, doomed, "doomed", Utc::now()).await;
        // The in-process worker polls every five seconds.
        let mut gone = false;
        for _ in 0..40 {
            if !tenant_exists(&app, doomed).await {
                gone = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        assert_eq!(
            gone,
            jobs_on,
            "ATRIUM_JOBS {}",
            if jobs_on { "on" } else { "off" }
        );
    }
}
