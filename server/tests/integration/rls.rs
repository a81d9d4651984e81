//! The database backstop: with the application's filters bypassed (raw SQL as the app role),
//! Row-Level Security still shows one tenant only and refuses cross-tenant writes.

use crate::support::*;
use app::data::repos::{courses, enrollments};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionTrait,
};
use uuid::Uuid;

/// Tables that carry tenant data (the catalog test below checks no table is missing here).
const TENANT_TABLES: &[&str] = &[
    "tenant_domains",
    "memberships",
    "courses",
    "modules",
    "lessons",
    "enrollments",
    "lesson_progress",
    "audit_log",
    "sessions",
    "handoff_tokens",
    "quizzes",
    "quiz_questions",
    "quiz_options",
    "quiz_attempts",
    "discussion_threads",
    "discussion_replies",
    "tenant_counters",
    "platform_audit",
    "invitations",
    "jobs",
    "support_sessions",
    "outbox",
    "member_levels",
    "plans",
    "plan_prices",
    "plan_courses",
    "plan_levels",
    "products",
    "subscriptions",
    "subscription_history",
    "invoices",
    "payment_events",
    "payment_settings",
    "simulated_charges",
    "simulated_cards",
    "tenant_usage",
    "certificates",
];

async fn scalar_i64(conn: &impl ConnectionTrait, sql: &str) -> i64 {
    let row = conn
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("an integer")
}

async fn begin_as(conn: &DatabaseConnection, tenant: Option<Uuid>) -> DatabaseTransaction {
    let txn = conn.begin().await.unwrap();
    if let Some(id) = tenant {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('app.tenant_id', $1, true)",
            [id.to_string().into()],
        ))
        .await
        .unwrap();
    }
    txn
}

/// One row in each of the other tenant tables, through the repositories.
async fn fill_remaining_tables(t: &app::data::TenantTx, slug: &str, course: Uuid, user: Uuid) {
    use app::data::repos::{discussions, quizzes, sessions};
    sessions::upsert(
        t,
        &format!("session-of-{slug}"),
        Some(user),
        serde_json::json!({}),
        (chrono::Utc::now() + chrono::Duration::hours(1)).into(),
    )
    .await
    .unwrap();
    let quiz = quizzes::create(t, course, "Check", 50).await.unwrap();
    quizzes::add_question(
        t,
        quiz.id,
        "Two plus two?",
        false,
        0,
        &[("4", true), ("5", false)],
    )
    .await
    .unwrap();
    let attempt = quizzes::NewAttempt {
        course_id: course,
        quiz_id: quiz.id,
        user_id: user,
        score: 100,
        passed: true,
        answers: serde_json::json!({}),
    };
    quizzes::record_attempt(t, attempt).await.unwrap();
    let thread = discussions::create_thread(t, course, user, "Hello", "Body")
        .await
        .unwrap();
    discussions::create_reply(t, course, thread.id, user, "Reply")
        .await
        .unwrap();
    fill_billing_tables(t, slug, course, user).await;
}

/// A plan (for one level, with one course), a product, a paid subscription with its invoice,
/// a payment event and the tenant's event secret.
async fn fill_billing_tables(t: &app::data::TenantTx, slug: &str, course: Uuid, user: Uuid) {
    use app::data::repos::{levels, payments, plans, subscriptions};
    use app::model::subscription::{BillingInterval, ChangeCause, SubscriptionState};
    let level = levels::add(t, "Gold").await.unwrap();
    let plan = plans::create(
        t,
        plans::NewPlan {
            name: "Monthly",
            description: "",
            interval: BillingInterval::Month,
            amount_minor: 2900,
            grants_level: Some(level),
            grants_assessments: false,
        },
    )
    .await
    .unwrap();
    plans::grant_course(t, plan, course).await.unwrap();
    plans::allow_level(t, plan, level).await.unwrap();
    let product = plans::create_product(
        t,
        plans::NewProduct {
            name: "Coaching",
            description: "",
            amount_minor: 19900,
            grants_course: Some(course),
            grants_assessments: true,
        },
    )
    .await
    .unwrap();
    let change = || subscriptions::Change {
        cause: ChangeCause::Payment,
        actor: None,
        reason: "",
    };
    let sub = subscriptions::start(t, user, plan, change()).await.unwrap();
    let now = chrono::Utc::now();
    let period = (now, now + chrono::Duration::days(30));
    subscriptions::transition(t, sub.id, SubscriptionState::Signed, Some(period), change())
        .await
        .unwrap()
        .unwrap();
    for (billed, key) in [
        (
            payments::Billed::Period {
                subscription: sub.id,
                start: period.0,
                end: period.1,
            },
            "period-1",
        ),
        (payments::Billed::Product(product), "product-1"),
    ] {
        payments::open_invoice(
            t,
            payments::NewInvoice {
                user,
                billed,
                amount_minor: 2900,
                currency: "USD",
                idempotency_key: key,
            },
        )
        .await
        .unwrap();
    }
    let event = format!("evt-{slug}");
    assert!(
        payments::record_event(t, &event, "charge.succeeded", now, serde_json::json!({}))
            .await
            .unwrap()
    );
    let secret = payments::webhook_secret(t).await.unwrap();
    assert_eq!(secret.len(), 64);
    assert_eq!(
        payments::webhook_secret(t).await.unwrap(),
        secret,
        "the secret is made once"
    );
    use app::data::repos::simulated_payments;
    let charge = simulated_payments::NewCharge {
        idempotency_key: "charge-1",
        user,
        amount_minor: 2900,
        currency: "USD",
        outcome: "paid",
    };
    assert!(simulated_payments::book(t, charge).await.unwrap().1);
    simulated_payments::set_card(t, user, true).await.unwrap();
}

pub(crate) struct World {
    pub(crate) test_db: TestDb,
    pub(crate) alpha: Uuid,
    pub(crate) beta: Uuid,
    alpha_course: Uuid,
    beta_course: Uuid,
}

/// Two tenants with a row in every tenant table each.
pub(crate) async fn world() -> World {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    let alpha = create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    let beta = create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    add_domain(&db, alpha, "learn.alpha.example", true).await;
    add_domain(&db, beta, "learn.beta.example", true).await;
    let mut ids = Vec::new();
    for (slug, email) in [("alpha", "a@example.org"), ("beta", "b@example.org")] {
        let t = tx(&db, slug).await;
        let (course, _, lessons) =
            create_course(&t, "same", "Same Title", "public", true, &["One", "Two"]).await;
        let user = create_member(&db, &t, email, "member").await;
        enrollments::enroll(&t, course, user).await.unwrap();
        enrollments::complete_lesson(&t, user, course, lessons[0])
            .await
            .unwrap();
        // A certificate (each tenant's code differs: neither may reach the other's).
        let code = if slug == "alpha" { "A" } else { "B" }.repeat(28);
        let certificate = app::data::repos::certificates::NewCertificate {
            course_id: course,
            user_id: user,
            code: &code,
            course_title: "Same Title",
        };
        assert!(
            app::data::repos::certificates::issue(&t, certificate)
                .await
                .unwrap()
        );
        app::data::repos::audit::record(&t, Some(user), "test.seeded", slug, serde_json::json!({}))
            .await
            .unwrap();
        fill_remaining_tables(&t, slug, course, user).await;
        // A member level.
        app::data::repos::levels::add(&t, "Basic").await.unwrap();
        // A message waiting in the outbox, with its delivery job (the tenant's own kind).
        app::jobs::mail_delivery::queue(
            &t,
            None,
            &app::mail::Mail {
                to: email.into(),
                subject: "Hello".into(),
                body: format!("mail of {slug}"),
            },
            chrono::Utc::now() + chrono::Duration::days(365),
        )
        .await
        .unwrap();
        t.commit().await.unwrap();
        // A minute of its usage, as the telemetry writes it.
        let tenant = if slug == "alpha" { alpha } else { beta };
        app::data::repos::tenant_usage::add(
            &db,
            &[app::data::repos::tenant_usage::MinuteUsage {
                tenant_id: tenant,
                minute: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
                requests: 1,
                errors: 0,
                limited: 0,
                db_micros: 1,
                buckets: vec![1],
            }],
        )
        .await
        .unwrap();
        // A console action about this tenant, written as platform work.
        let platform = app::data::PlatformTx::begin(&db, "test fixture")
            .await
            .unwrap();
        let tenant = if slug == "alpha" { alpha } else { beta };
        app::data::repos::platform_audit::record(
            &platform,
            app::data::repos::platform_audit::Entry {
                actor: Some(user),
                action: "console.tenant.viewed",
                tenant: Some(tenant),
                reason: "test",
                details: serde_json::json!({}),
            },
        )
        .await
        .unwrap();
        app::data::repos::invitations::create_as_platform(
            &platform,
            app::data::repos::invitations::NewInvitation {
                tenant_id: tenant,
                email: "invited@example.org",
                user_id: user,
                role: "member",
                created_by: None,
                raw_token: &format!("invitation-token-of-{slug}"),
            },
        )
        .await
        .unwrap();
        // A support session in this tenant.
        app::data::repos::support_sessions::open(
            &platform,
            app::data::repos::support_sessions::NewSupport {
                tenant_id: tenant,
                admin_id: user,
                admin_name: "Support",
                reason: "test",
                minutes: 30,
                write: false,
                entry_hash: &format!("entry-of-{slug}"),
            },
        )
        .await
        .unwrap();
        // A background job about this tenant.
        app::data::repos::jobs::enqueue(
            &platform,
            app::data::repos::jobs::NewJob {
                kind: "test.fixture",
                key: &format!("fixture:{slug}"),
                tenant: Some(tenant),
                payload: serde_json::json!({}),
                run_at: chrono::Utc::now() + chrono::Duration::days(365),
                max_attempts: 1,
            },
        )
        .await
        .unwrap();
        platform.commit().await.unwrap();
        // Hand-off tokens are issued across tenants by a definer function, once the
        // membership is committed.
        let token = format!("token-{slug}");
        assert!(
            app::data::repos::portals::issue_handoff(&db, user, slug, &token)
                .await
                .unwrap()
        );
        ids.push(course);
    }
    World {
        test_db,
        alpha,
        beta,
        alpha_course: ids[0],
        beta_course: ids[1],
    }
}

/// A tenant transaction begins with its settings in the same round trip as `BEGIN`, on a
/// connection of its own; one dropped unfinished is rolled back, and its connection goes back to
/// the pool carrying neither its rows nor its tenant.
#[tokio::test]
async fn an_unfinished_tenant_transaction_rolls_back_and_leaves_nothing_behind() {
    let w = world().await;
    // One connection, so every transaction below runs on the one the dropped one used.
    let db = w.test_db.app_db_of(1).await;
    let t = tx(&db, "alpha").await;
    let (dropped, _, _) = create_course(&t, "dropped", "Dropped", "public", true, &["One"]).await;
    assert!(courses::find(&t, dropped).await.unwrap().is_some());
    drop(t);

    let t = tx(&db, "alpha").await;
    assert!(
        courses::find(&t, dropped).await.unwrap().is_none(),
        "a dropped transaction's rows must not be saved"
    );
    assert!(courses::find(&t, w.alpha_course).await.unwrap().is_some());
    t.commit().await.unwrap();

    let t = tx(&db, "beta").await;
    let seen: Vec<Uuid> = courses::list_all(&t)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(
        seen,
        vec![w.beta_course],
        "the next tenant sees only its own rows"
    );
    t.rollback().await.unwrap();
}

#[tokio::test]
async fn a_tenant_transaction_sees_only_its_rows_in_every_table() {
    let w = world().await;
    let conn = w.test_db.raw_app(2).await;
    for (tenant, other) in [(w.alpha, w.beta), (w.beta, w.alpha)] {
        let txn = begin_as(&conn, Some(tenant)).await;
        for table in TENANT_TABLES {
            let mine = scalar_i64(&txn, &format!("SELECT count(*) FROM {table}")).await;
            assert!(mine > 0, "{table}: the tenant should see its own rows");
            let foreign = scalar_i64(
                &txn,
                &format!("SELECT count(*) FROM {table} WHERE tenant_id = '{other}'"),
            )
            .await;
            assert_eq!(foreign, 0, "{table}: another tenant's rows leaked");
        }
        let tenants_visible = scalar_i64(&txn, "SELECT count(*) FROM tenants").await;
        assert_eq!(tenants_visible, 1, "a tenant sees only its own tenants row");
        txn.rollback().await.unwrap();
    }
}

#[tokio::test]
async fn no_tenant_set_means_no_rows_and_no_errors() {
    let w = world().await;
    // One connection, so the second transaction reuses the first one's session.
    let conn = w.test_db.raw_app(1).await;

    let txn = begin_as(&conn, None).await;
    for table in TENANT_TABLES.iter().chain(&["tenants"]) {
        assert_eq!(
            scalar_i64(&txn, &format!("SELECT count(*) FROM {table}")).await,
            0,
            "{table}"
        );
    }
    txn.rollback().await.unwrap();

    // A finished transaction leaves '' behind in the session: still nothing, and no cast error.
    let txn = begin_as(&conn, Some(w.alpha)).await;
    assert_eq!(scalar_i64(&txn, "SELECT count(*) FROM courses").await, 1);
    txn.commit().await.unwrap();
    let setting = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_setting('app.tenant_id', true) AS v".to_owned(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<Option<String>>("", "v")
        .unwrap();
    assert_eq!(
        setting.as_deref(),
        Some(""),
        "the setting must not outlive its transaction"
    );
    assert_eq!(scalar_i64(&conn, "SELECT count(*) FROM courses").await, 0);

    // Garbage in the setting fails closed too.
    let txn = conn.begin().await.unwrap();
    txn.execute_unprepared("SELECT set_config('app.tenant_id', 'not-a-uuid', true)")
        .await
        .unwrap();
    assert_eq!(scalar_i64(&txn, "SELECT count(*) FROM courses").await, 0);
    txn.rollback().await.unwrap();

    // Writes without a tenant are rejected.
    let txn = begin_as(&conn, None).await;
    let insert = txn
        .execute_unprepared(&format!(
            "INSERT INTO courses (tenant_id, slug, title) VALUES ('{}', 'sneaky', 'Sneaky')",
            w.alpha
        ))
        .await;
    assert!(insert.is_err(), "insert without a tenant must be refused");
    txn.rollback().await.unwrap();
}

#[tokio::test]
async fn cross_tenant_writes_are_rejected() {
    let w = world().await;
    let conn = w.test_db.raw_app(2).await;

    // Insert a row for beta while acting as alpha.
    let txn = begin_as(&conn, Some(w.alpha)).await;
    let err = txn
        .execute_unprepared(&format!(
            "INSERT INTO courses (tenant_id, slug, title) VALUES ('{}', 'planted', 'Planted')",
            w.beta
        ))
        .await
        .expect_err("inserting into another tenant must fail");
    assert!(err.to_string().contains("row-level security"), "{err}");
    txn.rollback().await.unwrap();

    // Move alpha's row to beta.
    let txn = begin_as(&conn, Some(w.alpha)).await;
    let err = txn
        .execute_unprepared(&format!(
            "UPDATE courses SET tenant_id = '{}' WHERE id = '{}'",
            w.beta, w.alpha_course
        ))
        .await
        .expect_err("moving a row to another tenant must fail");
    assert!(err.to_string().contains("row-level security"), "{err}");
    txn.rollback().await.unwrap();

    // Update and delete beta's rows while acting as alpha: nothing matches.
    let txn = begin_as(&conn, Some(w.alpha)).await;
    let updated = txn
        .execute_unprepared(&format!(
            "UPDATE courses SET title = 'Defaced' WHERE id = '{}'",
            w.beta_course
        ))
        .await
        .unwrap();
    assert_eq!(updated.rows_affected(), 0);
    let deleted = txn
        .execute_unprepared(&format!(
            "DELETE FROM courses WHERE id = '{}'",
            w.beta_course
        ))
        .await
        .unwrap();
    assert_eq!(deleted.rows_affected(), 0);
    let deleted_all = txn.execute_unprepared("DELETE FROM lessons").await.unwrap();
    assert_eq!(deleted_all.rows_affected(), 2, "only alpha's two lessons");
    txn.rollback().await.unwrap();

    let txn = begin_as(&conn, Some(w.beta)).await;
    let title = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("SELECT title FROM courses WHERE id = '{}'", w.beta_course),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<String>("", "title")
        .unwrap();
    assert_eq!(title, "Same Title");
    txn.rollback().await.unwrap();
}

#[tokio::test]
async fn the_app_role_is_neither_owner_nor_privileged() {
    let test_db = TestDb::new().await;
    let conn = test_db.raw_app(1).await;
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_user::text AS who, rolsuper, rolbypassrls, rolinherit \
             FROM pg_roles WHERE rolname = current_user"
                .to_owned(),
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<String>("", "who").unwrap(), "atrium_app");
    assert!(!row.try_get::<bool>("", "rolsuper").unwrap());
    assert!(!row.try_get::<bool>("", "rolbypassrls").unwrap());
    assert!(
        !row.try_get::<bool>("", "rolinherit").unwrap(),
        "platform rights must be entered explicitly"
    );
    let owned = scalar_i64(
        &conn,
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user",
    )
    .await;
    assert_eq!(owned, 0, "the app role must own no table");

    // The app role may append to the audit log but never rewrite it, never grant itself
    // super-admin rights, never read a password hash or who is a super admin, and never enter the
    // platform role.
    for sql in [
        "UPDATE audit_log SET action = 'x.y'",
        "DELETE FROM audit_log",
        "UPDATE users SET is_super_admin = true",
        "CREATE TABLE sneaky (id int)",
        "SELECT * FROM user_credentials",
        "SELECT * FROM users",
        "SELECT is_super_admin FROM users",
        "UPDATE user_credentials SET password_hash = 'x'",
        "SELECT * FROM console_sessions",
        "INSERT INTO console_sessions (id_hash, expires_at) VALUES ('x', now())",
        "INSERT INTO platform_audit (action) VALUES ('console.forged')",
        "UPDATE tenant_counters SET members = 0",
        "SET ROLE atrium_platform",
    ] {
        let err = conn.execute_unprepared(sql).await.expect_err(sql);
        assert!(
            err.to_string().contains("permission denied"),
            "{sql}: {err}"
        );
    }
    let member = scalar_i64(
        &conn,
        "SELECT count(*) FROM pg_roles WHERE pg_has_role('atrium_app', oid, 'MEMBER') \
         AND rolname IN ('atrium_platform', 'atrium_console')",
    )
    .await;
    assert_eq!(member, 0, "the app role must not reach the platform role");
}

#[tokio::test]
async fn people_are_visible_only_through_this_tenant_or_as_oneself() {
    let w = world().await;
    let conn = w.test_db.raw_app(1).await;
    let people = "SELECT count(*) FROM users";
    // Nobody set: nobody visible.
    assert_eq!(scalar_i64(&conn, people).await, 0);
    let txn = begin_as(&conn, None).await;
    assert_eq!(scalar_i64(&txn, people).await, 0);
    txn.rollback().await.unwrap();
    // A tenant sees its member (a@example.org) and nobody else.
    let txn = begin_as(&conn, Some(w.alpha)).await;
    assert_eq!(scalar_i64(&txn, people).await, 1);
    assert_eq!(
        scalar_i64(
            &txn,
            "SELECT count(*) FROM users WHERE email = 'b@example.org'"
        )
        .await,
        0
    );
    txn.rollback().await.unwrap();
    // The person of the request sees themselves even where they are not a member.
    let b = user_id(&w.test_db.app_db().await, "b@example.org")
        .await
        .unwrap();
    let txn = begin_as(&conn, Some(w.alpha)).await;
    txn.execute_unprepared(&format!("SELECT set_config('app.user_id', '{b}', true)"))
        .await
        .unwrap();
    assert_eq!(scalar_i64(&txn, people).await, 2);
    // …but may not create or rename someone else.
    let other = Uuid::new_v4();
    let err = txn
        .execute_unprepared(&format!(
            "INSERT INTO users (id, email, display_name) VALUES ('{other}', 'x@example.org', 'X')"
        ))
        .await
        .expect_err("insert of another person");
    assert!(err.to_string().contains("row-level security"), "{err}");
    txn.rollback().await.unwrap();
    let txn = begin_as(&conn, Some(w.alpha)).await;
    let renamed = txn
        .execute_unprepared("UPDATE users SET display_name = 'Mallory'")
        .await
        .unwrap();
    assert_eq!(
        renamed.rows_affected(),
        0,
        "members are not the app's to rename"
    );
    txn.rollback().await.unwrap();
}

#[tokio::test]
async fn password_checks_never_hand_out_a_hash() {
    let test_db = TestDb::new().await;
    let app = TestApp::spawn(test_db).await;
    let db = app.state.db.clone();
    create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    let t = tx(&db, "alpha").await;
    let ann = create_person(&db, &t, "ann@example.org", "member").await;
    t.commit().await.unwrap();
    let conn = app.db.raw_app(1).await;
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT user_id, salt FROM atrium_password_salt('ANN@example.org')",
        ))
        .await
        .unwrap()
        .expect("a row for a known email");
    assert_eq!(row.try_get::<Uuid>("", "user_id").unwrap(), ann);
    let salt: String = row.try_get("", "salt").unwrap();
    assert!(
        salt.starts_with("$argon2id$") && salt.ends_with('$'),
        "{salt}"
    );
    // Parameters and salt only: the hash itself (43 base64 characters) is not there.
    assert_eq!(salt.matches('$').count(), 5, "{salt}");
    let computed = app::data::passwords::hash_with(PASSWORD, &salt).unwrap();
    let matches = |hash: String| {
        let conn = &conn;
        async move {
            conn.query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT atrium_password_matches($1, $2) AS ok",
                [ann.into(), hash.into()],
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<bool>("", "ok")
            .unwrap()
        }
    };
    assert!(matches(computed).await);
    let wrong = app::data::passwords::hash_with("not the password", &salt).unwrap();
    assert!(!matches(wrong).await);
    let unknown = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT * FROM atrium_password_salt('nobody@example.org')",
        ))
        .await
        .unwrap();
    assert!(unknown.is_empty());
}

#[tokio::test]
async fn every_table_with_tenant_id_has_forced_rls_and_policies() {
    let test_db = TestDb::new().await;
    let owner = test_db.owner().await;
    let rows = owner
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT c.relname::text AS name, c.relrowsecurity AS enabled, \
                    c.relforcerowsecurity AS forced, \
                    EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' \
                            AND p.tablename = c.relname AND 'atrium_app' = ANY (p.roles) \
                            AND p.qual IS NOT NULL AND p.with_check IS NOT NULL) AS app_policy, \
                    EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' \
                            AND p.tablename = c.relname AND 'public' = ANY (p.roles)) AS public_policy \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') \
               AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a \
                    WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)) \
             ORDER BY 1"
                .to_owned(),
        ))
        .await
        .unwrap();
    let mut names = Vec::new();
    for row in rows {
        let name: String = row.try_get("", "name").unwrap();
        assert!(
            row.try_get::<bool>("", "enabled").unwrap(),
            "{name}: RLS not enabled"
        );
        assert!(
            row.try_get::<bool>("", "forced").unwrap(),
            "{name}: RLS not forced"
        );
        assert!(
            row.try_get::<bool>("", "app_policy").unwrap(),
            "{name}: no USING + WITH CHECK policy for atrium_app"
        );
        assert!(
            !row.try_get::<bool>("", "public_policy").unwrap(),
            "{name}: policy open to PUBLIC"
        );
        names.push(name);
    }
    let mut expected: Vec<String> = TENANT_TABLES
        .iter()
        .chain(&["tenants"])
        .map(|s| s.to_string())
        .collect();
    expected.sort();
    assert_eq!(
        names, expected,
        "tenant tables changed: update TENANT_TABLES in this test"
    );
}

/// The platform audit trail is append-only even for the platform role.
#[tokio::test]
async fn the_platform_audit_trail_cannot_be_rewritten() {
    let test_db = TestDb::new().await;
    let conn = test_db.raw_platform().await;
    let txn = conn.begin().await.unwrap();
    txn.execute_unprepared("SET LOCAL ROLE atrium_platform")
        .await
        .unwrap();
    txn.execute_unprepared("INSERT INTO platform_audit (action) VALUES ('console.tested')")
        .await
        .unwrap();
    txn.commit().await.unwrap();
    for sql in [
        "UPDATE platform_audit SET action = 'console.rewritten'",
        "DELETE FROM platform_audit",
    ] {
        let txn = conn.begin().await.unwrap();
        txn.execute_unprepared("SET LOCAL ROLE atrium_platform")
            .await
            .unwrap();
        let result = txn.execute_unprepared(sql).await;
        assert!(result.is_err(), "{sql} must be refused");
        txn.rollback().await.unwrap();
    }
}

#[tokio::test]
async fn the_platform_role_is_entered_explicitly_and_sees_all_tenants() {
    let w = world().await;
    // Not from the application's connection.
    let app = w.test_db.raw_app(1).await;
    let txn = app.begin().await.unwrap();
    let refused = txn
        .execute_unprepared("SET LOCAL ROLE atrium_platform")
        .await
        .expect_err("the app role must not enter the platform role");
    assert!(
        refused.to_string().contains("permission denied"),
        "{refused}"
    );
    txn.rollback().await.unwrap();
    // From the platform login, explicitly.
    // Its login alone reads nothing: the rights come with the role, entered on purpose.
    let conn = w.test_db.raw_platform().await;
    let before = conn
        .execute_unprepared("SELECT count(*) FROM courses")
        .await
        .expect_err("the platform login has no rights of its own");
    assert!(before.to_string().contains("permission denied"), "{before}");
    let txn = conn.begin().await.unwrap();
    txn.execute_unprepared("SET LOCAL ROLE atrium_platform")
        .await
        .unwrap();
    assert_eq!(scalar_i64(&txn, "SELECT count(*) FROM courses").await, 2);
    assert_eq!(scalar_i64(&txn, "SELECT count(*) FROM tenants").await, 2);
    txn.rollback().await.unwrap();
    // The role switch ended with the transaction.
    assert!(
        conn.execute_unprepared("SELECT count(*) FROM courses")
            .await
            .is_err()
    );
}
