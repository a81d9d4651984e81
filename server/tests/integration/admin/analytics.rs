//! The tenant's dashboard: its own figures only, as charts, tables and CSV, from queries whose
//! plans use an index leading with tenant_id.

use super::*;
use app::api::admin::analytics::AdminAnalytics;
use app::data::repos::enrollments;
use sea_orm::{ConnectionTrait, TransactionTrait};
use server_fn::ServerFn;

#[tokio::test]
async fn admins_see_their_figures_as_charts_and_csv() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "acme").await;
    let (course, _, lessons) =
        create_course(&t, "figures", "Figures 101", "public", true, &["One"]).await;
    enrollments::enroll(&t, course, w.member).await.unwrap();
    enrollments::enroll(&t, course, w.admin).await.unwrap();
    enrollments::view_lesson(&t, w.member, course, lessons[0])
        .await
        .unwrap();
    let quiz = app::data::repos::quizzes::create(&t, course, "Check-up", 50)
        .await
        .unwrap()
        .id;
    t.commit().await.unwrap();
    let owner = w.app.db.owner().await;
    let (member, admin) = (w.member, w.admin);
    owner
        .execute_unprepared(&format!(
            "UPDATE enrollments SET completed_at = now() WHERE user_id = '{member}';
             INSERT INTO quiz_attempts (tenant_id, course_id, quiz_id, user_id, score, passed)
               SELECT q.tenant_id, q.course_id, q.id, s.uid, s.score, s.score >= 50
               FROM quizzes q,
                    (VALUES ('{member}'::uuid, 80), ('{member}'::uuid, 20), ('{admin}'::uuid, 90))
                      AS s(uid, score)
               WHERE q.id = '{quiz}';"
        ))
        .await
        .unwrap();
    // Another tenant's activity never shows.
    let o = tx(&db, "other").await;
    let (theirs, _, _) = create_course(&o, "theirs", "Their Course", "public", true, &["X"]).await;
    enrollments::enroll(&o, theirs, w.stranger).await.unwrap();
    o.commit().await.unwrap();

    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let page = admin.call(AdminAnalytics::PATH, "").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let a: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(a["active_30"], 1);
    assert_eq!(a["active_7"], 1);
    let weeks = a["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[11][1], 2, "two enrolments this week");
    assert_eq!(weeks[11][2], 1, "one completion this week");
    assert_eq!(a["courses"], serde_json::json!([["Figures 101", 2, 1]]));
    // The member took it twice (passed once), the admin once: two people, both passed.
    assert_eq!(a["quizzes"], serde_json::json!([["Check-up", 2, 2]]));
    assert!(a["revenue"].is_null(), "no shop on the basic plan");

    let html = admin.get("/admin/analytics").await;
    assert_eq!(html.status, 200);
    for id in ["chart-weeks", "chart-courses", "chart-quizzes"] {
        assert!(html.body.contains(id), "{id}");
    }
    assert!(
        html.body
            .contains("Figures 101 has the most learners: 2, of whom 50% completed it.")
    );
    assert!(!html.body.contains("Their Course"));

    let csv = admin.get("/admin/analytics/courses.csv").await;
    assert_eq!(csv.status, 200);
    assert_eq!(
        csv.body,
        "Course,Enrolled,Completed,Completion %\r\nFigures 101,2,1,50\r\n"
    );
    assert_eq!(
        admin
            .get("/admin/analytics/weeks.csv")
            .await
            .body
            .lines()
            .count(),
        13
    );
    assert_eq!(admin.get("/admin/analytics/revenue.csv").await.status, 404);
    assert_eq!(admin.get("/admin/analytics/secrets.csv").await.status, 404);
    let mut member = signed_in(&w.app, Some("member@acme.example")).await;
    assert_eq!(member.get("/admin/analytics/weeks.csv").await.status, 403);
    assert_eq!(member.call(AdminAnalytics::PATH, "").await.status, 403);
}

/// With sequential scans priced out, every dashboard query still has an index to use on each
/// tenant table it reads: none falls back to reading a whole table.
#[tokio::test]
async fn every_dashboard_query_is_index_backed() {
    let w = world().await;
    let acme = owner_text(&w.app, "SELECT id::text FROM tenants WHERE slug = 'acme'").await;
    let app_conn = w.app.db.raw_app(1).await;
    for sql in app::data::repos::tenant_analytics::QUERIES {
        let txn = app_conn.begin().await.unwrap();
        txn.execute_unprepared(&format!(
            "SELECT set_config('app.tenant_id', '{acme}', true); SET LOCAL enable_seqscan = off"
        ))
        .await
        .unwrap();
        let plan = txn
            .query_all_raw(sea_orm::Statement::from_sql_and_values(
                sea_orm::DbBackend::Postgres,
                format!("EXPLAIN {sql}"),
                [uuid::Uuid::parse_str(&acme).unwrap().into()],
            ))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        for table in [
            "enrollments",
            "lesson_progress",
            "quiz_attempts",
            "invoices",
            "courses",
            "quizzes",
        ] {
            assert!(
                !plan.contains(&format!("Seq Scan on {table}")),
                "{sql}\n{plan}"
            );
        }
        txn.rollback().await.unwrap();
    }
}
