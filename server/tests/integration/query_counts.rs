//! No request runs a query per row: the catalog, "My learning", the studio's course list and
//! learner insight cost the same number of statements for one row as for many. (Counted on the
//! application's pool by `Db::statements_run`.)

use crate::support::*;
use app::api::catalog::ListCourses;
use app::api::learning::{Enroll, MyLearning};
use app::api::studio::courses::StudioCourses;
use app::api::studio::insight::LearnerInsight;
use app::data::repos::{courses, quizzes};
use server_fn::ServerFn;
use uuid::Uuid;

/// `few` has one course, one enrolment and one learner in it; `many` has six courses (with
/// quizzes that count), a learner enrolled in all of them and eight learners in the first.
async fn world() -> (TestApp, Uuid, Uuid) {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    let mut first = Vec::new();
    for (slug, count, learners) in [("few", 1, 1), ("many", 6, 8)] {
        create_tenant(&db, TenantSpec::new(slug, slug, "#112233").everything()).await;
        let t = tx(&db, slug).await;
        let mut ids = Vec::new();
        for i in 0..count {
            let (course, _, _) = create_course(
                &t,
                &format!("course-{i}"),
                &format!("Course {i}"),
                "public",
                true,
                &["One", "Two", "Three"],
            )
            .await;
            let quiz = quizzes::create(&t, course, "Check", 50).await.unwrap();
            quizzes::add_question(
                &t,
                quiz.id,
                "Yes?",
                false,
                0,
                &[("Yes", true), ("No", false)],
            )
            .await
            .unwrap();
            let changes = courses::CourseChanges {
                quiz_required: Some(true),
                ..Default::default()
            };
            courses::update(&t, course, changes).await.unwrap();
            ids.push(course);
        }
        create_person(&db, &t, &format!("teacher@{slug}.example"), "instructor").await;
        for n in 0..learners {
            create_person(&db, &t, &format!("learner{n}@{slug}.example"), "member").await;
        }
        t.commit().await.unwrap();
        first.push(ids[0]);
        // Enrol: learner0 in every course, the others in the first.
        for n in 0..learners {
            let mut b = Browser::new(&app, &format!("{slug}.localhost"), "");
            b.sign_in(&format!("learner{n}@{slug}.example"), PASSWORD)
                .await;
            let courses = if n == 0 { count } else { 1 };
            for i in 0..courses {
                let page = b.call(Enroll::PATH, &format!("slug=course-{i}")).await;
                assert_eq!(page.status, 200, "{}", page.body);
            }
        }
    }
    (app, first[0], first[1])
}

/// Statements run by one call, made the way the browser makes it. The least of three tries: a
/// tenant-change notice arriving late may empty the tenant cache once and cost a lookup.
async fn cost(app: &TestApp, browser: &mut Browser<'_>, path: &str, form: &str) -> u64 {
    let mut least = u64::MAX;
    for _ in 0..3 {
        let before = app.state.db.statements_run();
        let page = browser.call(path, form).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        least = least.min(app.state.db.statements_run() - before);
    }
    least
}

#[tokio::test]
async fn pages_cost_the_same_for_one_row_or_many() {
    let (app, few_course, many_course) = world().await;
    let mut few = Browser::new(&app, "few.localhost", "");
    let mut many = Browser::new(&app, "many.localhost", "");

    // The catalog, for an anonymous visitor: one course against six.
    let (a, b) = (
        cost(&app, &mut few, ListCourses::PATH, "").await,
        cost(&app, &mut many, ListCourses::PATH, "").await,
    );
    assert_eq!(a, b, "catalog: {a} statements for one course, {b} for six");
    assert!(
        a <= 2,
        "the catalog is the tenant setting and one query: {a}"
    );

    // My learning: one enrolment against six.
    few.sign_in("learner0@few.example", PASSWORD).await;
    many.sign_in("learner0@many.example", PASSWORD).await;
    let (a, b) = (
        cost(&app, &mut few, MyLearning::PATH, "").await,
        cost(&app, &mut many, MyLearning::PATH, "").await,
    );
    assert_eq!(
        a, b,
        "my learning: {a} statements for one course, {b} for six"
    );

    // The studio list and learner insight: one against six courses, one against eight learners.
    let mut few_teacher = Browser::new(&app, "few.localhost", "");
    let mut many_teacher = Browser::new(&app, "many.localhost", "");
    few_teacher.sign_in("teacher@few.example", PASSWORD).await;
    many_teacher.sign_in("teacher@many.example", PASSWORD).await;
    let (a, b) = (
        cost(&app, &mut few_teacher, StudioCourses::PATH, "").await,
        cost(&app, &mut many_teacher, StudioCourses::PATH, "").await,
    );
    assert_eq!(
        a, b,
        "studio list: {a} statements for one course, {b} for six"
    );
    let (a, b) = (
        cost(
            &app,
            &mut few_teacher,
            LearnerInsight::PATH,
            &format!("course_id={few_course}"),
        )
        .await,
        cost(
            &app,
            &mut many_teacher,
            LearnerInsight::PATH,
            &format!("course_id={many_course}"),
        )
        .await,
    );
    assert_eq!(
        a, b,
        "insight: {a} statements for one learner, {b} for eight"
    );
}

#[tokio::test]
async fn a_signed_in_page_costs_at_most_two_tenant_transactions() {
    let (app, _, _) = world().await;
    let db = app.state.db.clone();
    let mut learner = Browser::new(&app, "many.localhost", "");
    learner.sign_in("learner0@many.example", PASSWORD).await;
    let mut least = u64::MAX;
    for _ in 0..3 {
        let before = db.transactions_begun();
        let page = learner.get("/learning").await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Course 5"), "the page shows the courses");
        least = least.min(db.transactions_begun() - before);
    }
    assert!(
        least <= 2,
        "My learning: {least} tenant transactions (session and viewer, then the page)"
    );
    // An anonymous catalog page: one tenant transaction, none for a session it does not have.
    let mut visitor = Browser::new(&app, "many.localhost", "");
    let before = db.transactions_begun();
    assert_eq!(visitor.get("/courses").await.status, 200);
    assert_eq!(db.transactions_begun() - before, 1);
}
