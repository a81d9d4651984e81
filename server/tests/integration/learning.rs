//! The learner portal over HTTP: who may call which server function, the learner journey from
//! enrolment to completion, checkout, quizzes, discussions, Markdown safety and no-JS forms.

use crate::support::*;
use app::api::admin::payments::{AdminPayments, RefundInvoice};
use app::api::assessments::{MyQuizzes, Quiz, SubmitQuiz};
use app::api::auth::CurrentViewer;
use app::api::billing::{BuyProduct, ConfirmPayment, PaymentPage, Pricing};
use app::api::catalog::{CourseOutline, LatestCourses, ListCourses, ShopCourses};
use app::api::community::{
    DiscussionBoard, DiscussionThread, EditPost, RemovePost, ReplyToThread, StartThread,
};
use app::api::learning::{CompleteLesson, Enroll, LessonPage, MyLearning};
use app::billing::sales;
use app::data::repos::{courses, enrollments, payments, quizzes};
use app::model::CourseDetail;
use app::model::billing::PricingView;
use app::model::learning::{
    LearningDashboard, LearningItem, LessonView, Progress, QuizResult, QuizView, ThreadView,
};
use app::model::payments::PaymentsView;
use server_fn::ServerFn;
use uuid::Uuid;

const XSS: &str = "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> \
    [link](javascript:alert(3)) <iframe src=https://evil.example></iframe> \
    <p style=\"position:fixed\">covered</p> **bold**";

struct World {
    app: TestApp,
    lessons: Vec<Uuid>,
    quiz: Uuid,
    /// (question, right option, wrong option) for the single-answer question; the
    /// multiple-answer one needs both of its right options.
    single: (Uuid, Uuid, Uuid),
    multi: (Uuid, Uuid, Uuid, Uuid),
    /// The learner's unpaid invoice for "paid".
    learner_invoice: Uuid,
    learner_thread: Uuid,
}

/// alpha has every feature. Courses: "open" (public, free, 2 lessons, a required quiz),
/// "inner" (members only), "paid" (public, $49). People: learner (enrolled in "open", with a
/// checkout of "paid" waiting and a thread), peer (member, not enrolled), instructor, admin, and
/// outsider (a member of beta only).
async fn world() -> World {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    let b = tx(&db, "beta").await;
    create_person(&db, &b, "outsider@example.org", "member").await;
    create_course(&b, "open", "Beta's own", "public", true, &["Beta lesson"]).await;
    b.commit().await.unwrap();

    let t = tx(&db, "alpha").await;
    let (open, _, lessons) = create_course(
        &t,
        "open",
        "Open Course",
        "public",
        true,
        &["First", "Second"],
    )
    .await;
    create_course(&t, "inner", "Inner Circle", "members", true, &["Secret"]).await;
    let (paid, _, _) = create_course(&t, "paid", "Paid Course", "public", true, &["Premium"]).await;
    let changes = courses::CourseChanges {
        price_cents: Some(4900),
        ..Default::default()
    };
    courses::update(&t, paid, changes).await.unwrap();
    let changes = courses::CourseChanges {
        quiz_required: Some(true),
        ..Default::default()
    };
    courses::update(&t, open, changes).await.unwrap();
    let quiz = quizzes::create(&t, open, "Check", 100).await.unwrap();
    let q1 = quizzes::add_question(
        &t,
        quiz.id,
        "Pick four",
        false,
        0,
        &[("4", true), ("5", false)],
    )
    .await
    .unwrap();
    let q2 = quizzes::add_question(
        &t,
        quiz.id,
        "Pick evens",
        true,
        1,
        &[("2", true), ("3", false), ("6", true)],
    )
    .await
    .unwrap();
    let questions = quizzes::questions(&t, quiz.id).await.unwrap();
    let opts = |i: usize| questions[i].1.iter().map(|o| o.id).collect::<Vec<_>>();
    let (o1, o2) = (opts(0), opts(1));

    let learner = create_person(&db, &t, "learner@example.org", "member").await;
    create_person(&db, &t, "peer@example.org", "member").await;
    create_person(&db, &t, "instructor@example.org", "instructor").await;
    create_person(&db, &t, "admin@example.org", "admin").await;
    enrollments::enroll(&t, open, learner).await.unwrap();
    let paid_course = courses::find(&t, paid).await.unwrap().unwrap();
    let invoice = sales::buy_course(&t, learner, &paid_course).await.unwrap();
    let thread =
        app::data::repos::discussions::create_thread(&t, open, learner, "Hi all", "First post")
            .await
            .unwrap();
    t.commit().await.unwrap();
    World {
        app,
        lessons,
        quiz: quiz.id,
        single: (q1.id, o1[0], o1[1]),
        multi: (q2.id, o2[0], o2[2], o2[1]),
        learner_invoice: invoice.id,
        learner_thread: thread.id,
    }
}

/// A signed-in (or anonymous) browser at alpha, by path.
async fn as_person<'a>(app: &'a TestApp, who: &str) -> Browser<'a> {
    let mut b = Browser::new(app, "localhost", "/alpha");
    if who != "anonymous" {
        b.sign_in(&format!("{who}@example.org"), PASSWORD).await;
    }
    b
}

#[tokio::test]
async fn every_server_function_answers_each_kind_of_caller_correctly() {
    let w = world().await;
    let lesson = w.lessons[0];
    let quiz = w.quiz;
    let (q1, right1, _) = w.single;
    let (q2, a, b, _) = w.multi;
    let answers =
        format!("quiz_id={quiz}&answers[0]={q1}:{right1}&answers[1]={q2}:{a}&answers[2]={q2}:{b}");
    let invoice = w.learner_invoice;
    let thread = w.learner_thread;
    // (server function, form, expected status for: anonymous, outsider, learner, instructor, admin)
    let table: Vec<(&str, String, [u16; 5])> = vec![
        (
            CurrentViewer::PATH,
            String::new(),
            [200, 200, 200, 200, 200],
        ),
        (
            LatestCourses::PATH,
            String::new(),
            [200, 200, 200, 200, 200],
        ),
        (ListCourses::PATH, String::new(), [200, 200, 200, 200, 200]),
        (ShopCourses::PATH, String::new(), [200, 200, 200, 200, 200]),
        (
            CourseOutline::PATH,
            "slug=open".into(),
            [200, 200, 200, 200, 200],
        ),
        (
            CourseOutline::PATH,
            "slug=inner".into(),
            [404, 404, 200, 200, 200],
        ),
        (
            LessonPage::PATH,
            format!("slug=open&lesson_id={lesson}"),
            [401, 403, 200, 200, 200],
        ),
        (
            LessonPage::PATH,
            // Not enrolled in "inner": the learner is told to enrol; staff previewing find no
            // such lesson in it.
            format!("slug=inner&lesson_id={lesson}"),
            [404, 404, 403, 404, 404],
        ),
        (
            CompleteLesson::PATH,
            format!("slug=open&lesson_id={lesson}"),
            [401, 403, 200, 403, 403],
        ),
        (MyLearning::PATH, String::new(), [401, 403, 200, 200, 200]),
        (
            PaymentPage::PATH,
            format!("invoice_id={invoice}"),
            [401, 403, 200, 404, 404],
        ),
        (
            Quiz::PATH,
            format!("quiz_id={quiz}"),
            [401, 403, 200, 403, 403],
        ),
        (SubmitQuiz::PATH, answers.clone(), [401, 403, 200, 403, 403]),
        (MyQuizzes::PATH, String::new(), [401, 403, 200, 200, 200]),
        (
            DiscussionBoard::PATH,
            "slug=open".into(),
            [401, 403, 200, 200, 200],
        ),
        (
            DiscussionThread::PATH,
            format!("slug=open&thread_id={thread}"),
            [401, 403, 200, 200, 200],
        ),
        (
            StartThread::PATH,
            "slug=open&title=Q&body=Hello".into(),
            [401, 403, 200, 200, 200],
        ),
        (
            ReplyToThread::PATH,
            format!("slug=open&thread_id={thread}&body=Hi"),
            [401, 403, 200, 200, 200],
        ),
        (
            EditPost::PATH,
            format!("slug=open&post_id={thread}&body=Edited"),
            [401, 403, 200, 403, 403],
        ),
        (
            RefundInvoice::PATH,
            format!("invoice_id={invoice}"),
            [401, 403, 403, 403, 400],
        ),
        (Enroll::PATH, "slug=inner".into(), [401, 403, 200, 200, 200]),
        (Enroll::PATH, "slug=open".into(), [401, 403, 200, 200, 200]),
        (
            RemovePost::PATH,
            format!("slug=open&post_id={thread}"),
            [401, 403, 200, 404, 404],
        ),
    ];
    let people = ["anonymous", "outsider", "learner", "instructor", "admin"];
    let mut browsers = Vec::new();
    for who in people {
        let mut b = as_person(&w.app, who).await;
        if who == "outsider" {
            // A member of beta, signed in at alpha: a valid identity with no rights here.
            b.cookie = None;
            b.sign_in("outsider@example.org", PASSWORD).await;
        }
        browsers.push(b);
    }
    for (path, form, expected) in &table {
        for (i, who) in people.iter().enumerate() {
            let page = browsers[i].call(path, form).await;
            assert_eq!(
                page.status, expected[i],
                "{path} as {who} with {form:?}: {}",
                page.body
            );
        }
    }
    // beta's data is never reachable from alpha: the same slug there is alpha's course.
    let outline: CourseDetail = serde_json::from_str(
        &browsers[2]
            .call(CourseOutline::PATH, "slug=open")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(outline.course.title, "Open Course");
}

#[tokio::test]
async fn a_learner_enrols_reads_completes_and_passes() {
    let w = world().await;
    let mut me = Browser::new(&w.app, "alpha.localhost", "");
    let signup = me
        .call(
            app::api::auth::SignUp::PATH,
            &format!(
                "email=new%40example.org&display_name=New&password={}",
                enc(PASSWORD)
            ),
        )
        .await;
    assert_eq!(signup.status, 200, "{}", signup.body);

    let enrolled = me.call(Enroll::PATH, "slug=open").await;
    let next: String = serde_json::from_str(&enrolled.body).unwrap();
    assert_eq!(
        next,
        format!("/courses/open/lessons/{}", w.lessons[0]),
        "enrolling opens the first lesson"
    );

    let lesson: LessonView = serde_json::from_str(
        &me.call(
            LessonPage::PATH,
            &format!("slug=open&lesson_id={}", w.lessons[0]),
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(
        (lesson.number, lesson.total, lesson.title.as_str()),
        (1, 2, "First")
    );
    assert!(lesson.previous.is_none());
    assert_eq!(lesson.next.as_ref().map(|n| n.id), Some(w.lessons[1]));
    assert_eq!(
        lesson.progress,
        Progress {
            done: 0,
            total: 3,
            complete: false
        },
        "two lessons and the required quiz"
    );

    for (i, id) in w.lessons.iter().enumerate() {
        let p: Progress = serde_json::from_str(
            &me.call(CompleteLesson::PATH, &format!("slug=open&lesson_id={id}"))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(p.done as usize, i + 1);
    }
    // Completing twice changes nothing.
    let again: Progress = serde_json::from_str(
        &me.call(
            CompleteLesson::PATH,
            &format!("slug=open&lesson_id={}", w.lessons[0]),
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(
        (again.done, again.complete, again.percent()),
        (2, false, 66)
    );

    // The quiz: missing answers are explained, wrong ones fail, the right ones pass.
    let (q1, right, wrong) = w.single;
    let (q2, a, b, c) = w.multi;
    let missing = me
        .call(
            SubmitQuiz::PATH,
            &format!("quiz_id={}&answers[0]={q1}:{right}", w.quiz),
        )
        .await;
    assert_eq!(missing.status, 400);
    assert!(missing.body.contains("answer_every_question"));
    // The same as a plain form (JavaScript off): back to the quiz with the message and the
    // option already picked, which the page ticks again.
    let back = me
        .submit(
            SubmitQuiz::PATH,
            &format!("quiz_id={}&answers[0]={q1}:{right}", w.quiz),
            &format!("/assessments/{}", w.quiz),
        )
        .await;
    assert_eq!(back.status, 302, "{}", back.body);
    let again = location(&back);
    assert!(
        again.contains("error=answer_every_question") && again.contains(&format!("picked={right}")),
        "{again}"
    );
    let path = again.strip_prefix("/alpha").unwrap_or(&again).to_owned();
    let page = me.get(&path).await;
    assert!(
        page.body
            .contains(&format!("value=\"{q1}:{right}\" checked")),
        "the picked option is ticked again"
    );
    assert!(
        !page
            .body
            .contains(&format!("value=\"{q1}:{wrong}\" checked"))
    );
    let partial: QuizResult = serde_json::from_str(
        &me.call(SubmitQuiz::PATH, &format!("quiz_id={}&answers[0]={q1}:{wrong}&answers[1]={q2}:{a}&answers[2]={q2}:{b}&answers[3]={q2}:{c}", w.quiz)).await.body,
    )
    .unwrap();
    assert_eq!(
        (partial.score, partial.passed, partial.course_complete),
        (0, false, false),
        "over-choosing is wrong too"
    );
    let passed: QuizResult = serde_json::from_str(
        &me.call(
            SubmitQuiz::PATH,
            &format!(
                "quiz_id={}&answers[0]={q1}:{right}&answers[101]={q2}:{a}&answers[103]={q2}:{b}",
                w.quiz
            ),
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(
        (passed.score, passed.passed, passed.course_complete),
        (100, true, true)
    );
    let view: QuizView = serde_json::from_str(
        &me.call(Quiz::PATH, &format!("quiz_id={}", w.quiz))
            .await
            .body,
    )
    .unwrap();
    let history: Vec<_> = view.attempts.iter().map(|a| (a.score, a.passed)).collect();
    assert_eq!(
        history,
        [(100, true), (0, false)],
        "score history, newest first"
    );

    let dashboard: LearningDashboard =
        serde_json::from_str(&me.call(MyLearning::PATH, "").await.body).unwrap();
    assert_eq!(
        dashboard.certificates.len(),
        1,
        "completing the course issued one"
    );
    let dashboard = dashboard.courses;
    assert_eq!(dashboard.len(), 1);
    assert_eq!(
        dashboard[0].progress,
        Progress {
            done: 3,
            total: 3,
            complete: true
        }
    );
    assert_eq!(dashboard[0].progress.percent(), 100);

    // The course page, rendered on the server, shows the progress bar at 100%.
    let page = me.get("/courses/open").await;
    assert!(page.body.contains("aria-valuenow=\"100\""), "progress bar");
    assert!(page.body.contains("Complete · 100%"));
}

#[tokio::test]
async fn the_next_lesson_to_continue_is_remembered() {
    let w = world().await;
    let mut me = as_person(&w.app, "learner").await;
    let _ = me
        .call(
            LessonPage::PATH,
            &format!("slug=open&lesson_id={}", w.lessons[1]),
        )
        .await;
    let dashboard: Vec<LearningItem> =
        serde_json::from_str::<LearningDashboard>(&me.call(MyLearning::PATH, "").await.body)
            .unwrap()
            .courses;
    assert_eq!(
        dashboard[0].resume.as_ref().map(|r| r.id),
        Some(w.lessons[1]),
        "continue where you left off"
    );
    let _ = me
        .call(
            CompleteLesson::PATH,
            &format!("slug=open&lesson_id={}", w.lessons[1]),
        )
        .await;
    let dashboard: Vec<LearningItem> =
        serde_json::from_str::<LearningDashboard>(&me.call(MyLearning::PATH, "").await.body)
            .unwrap()
            .courses;
    assert_eq!(
        dashboard[0].resume.as_ref().map(|r| r.id),
        Some(w.lessons[0]),
        "then the first lesson not done"
    );
}

#[tokio::test]
async fn priced_courses_are_sold_through_invoices_and_refunded() {
    let w = world().await;
    let mut peer = as_person(&w.app, "peer").await;
    let next: String =
        serde_json::from_str(&peer.call(Enroll::PATH, "slug=paid").await.body).unwrap();
    let invoice: Uuid = next
        .strip_prefix("/alpha/pay/")
        .unwrap_or_else(|| panic!("the provider's page: {next}"))
        .parse()
        .unwrap();
    // Asking again reuses the open checkout, and the course page says it is waiting.
    let again: String =
        serde_json::from_str(&peer.call(Enroll::PATH, "slug=paid").await.body).unwrap();
    assert_eq!(again, next);
    let outline: CourseDetail =
        serde_json::from_str(&peer.call(CourseOutline::PATH, "slug=paid").await.body).unwrap();
    assert!(outline.standing.checkout_waiting);
    let lesson_refused = peer
        .call(
            LessonPage::PATH,
            &format!("slug=paid&lesson_id={}", w.lessons[0]),
        )
        .await;
    assert_eq!(lesson_refused.status, 403, "no lessons before paying");
    // The course's own product is not an offer: not on the pricing page, not buyable there.
    let pricing: PricingView =
        serde_json::from_str(&peer.call(Pricing::PATH, "").await.body).unwrap();
    assert!(pricing.products.is_empty(), "{:?}", pricing.products);
    let db = w.app.state.db.clone();
    let t = tx(&db, "alpha").await;
    let product = payments::find_invoice(&t, invoice)
        .await
        .unwrap()
        .unwrap()
        .product_id
        .unwrap();
    t.commit().await.unwrap();
    let bought = peer
        .call(BuyProduct::PATH, &format!("product_id={product}"))
        .await;
    assert_eq!(bought.status, 404, "{}", bought.body);
    // Someone else's invoice is not theirs to see or pay.
    let mut learner = as_person(&w.app, "learner").await;
    let form = format!("invoice_id={invoice}&choice=pay");
    assert_eq!(learner.call(ConfirmPayment::PATH, &form).await.status, 404);

    let paid = peer.call(ConfirmPayment::PATH, &form).await;
    assert_eq!(paid.status, 200, "{}", paid.body);
    let to: String = serde_json::from_str(&paid.body).unwrap();
    assert_eq!(to, "/alpha/courses/paid", "a bought course opens at once");
    assert_eq!(
        peer.call(ConfirmPayment::PATH, &form).await.status,
        409,
        "paying twice is refused"
    );
    let outline: CourseDetail =
        serde_json::from_str(&peer.call(CourseOutline::PATH, "slug=paid").await.body).unwrap();
    assert!(outline.standing.enrolled);

    // The admin sees the sale among the payments and refunds it through the provider.
    let mut admin = as_person(&w.app, "admin").await;
    let list: PaymentsView =
        serde_json::from_str(&admin.call(AdminPayments::PATH, "status=paid").await.body).unwrap();
    assert_eq!(list.rows.len(), 1, "{:?}", list.rows);
    assert_eq!(list.rows[0].invoice.id, invoice);
    assert_eq!(list.rows[0].invoice.description, "Paid Course");
    assert_eq!(list.rows[0].invoice.amount.minor, 4900);
    assert_eq!(list.rows[0].member_email, "peer@example.org");
    let refund = format!("invoice_id={invoice}");
    let refunded = admin.call(RefundInvoice::PATH, &refund).await;
    assert_eq!(refunded.status, 200, "{}", refunded.body);
    assert_eq!(
        admin.call(RefundInvoice::PATH, &refund).await.status,
        400,
        "a refunded invoice is not refunded twice"
    );
    let outline: CourseDetail =
        serde_json::from_str(&peer.call(CourseOutline::PATH, "slug=paid").await.body).unwrap();
    assert!(!outline.standing.enrolled, "a refund ends the enrolment");
    let t = tx(&db, "alpha").await;
    let stored = payments::find_invoice(&t, invoice).await.unwrap().unwrap();
    t.commit().await.unwrap();
    assert_eq!(stored.status, "refunded");
    assert_eq!(
        owner_scalar(
            &w.app,
            &format!(
                "SELECT count(*) FROM simulated_charges WHERE idempotency_key = '{}' \
                 AND outcome = 'paid' AND refunded",
                stored.idempotency_key
            )
        )
        .await,
        1,
        "the provider gave the money back"
    );
}

#[tokio::test]
async fn a_checkout_opened_before_a_price_change_is_replaced_at_the_new_price() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "alpha").await;
    let paid = courses::find_visible_by_slug(&t, app::data::repos::Audience::Public, "paid")
        .await
        .unwrap()
        .unwrap();
    let changes = courses::CourseChanges {
        price_cents: Some(5900),
        ..Default::default()
    };
    courses::update(&t, paid.id, changes).await.unwrap();
    t.commit().await.unwrap();
    let mut learner = as_person(&w.app, "learner").await;
    let next: String =
        serde_json::from_str(&learner.call(Enroll::PATH, "slug=paid").await.body).unwrap();
    let invoice: Uuid = next.strip_prefix("/alpha/pay/").unwrap().parse().unwrap();
    assert_ne!(
        invoice, w.learner_invoice,
        "a new checkout at the new price"
    );
    let t = tx(&db, "alpha").await;
    let new = payments::find_invoice(&t, invoice).await.unwrap().unwrap();
    let old = payments::find_invoice(&t, w.learner_invoice)
        .await
        .unwrap()
        .unwrap();
    t.commit().await.unwrap();
    assert_eq!(new.amount_minor, 5900);
    assert_eq!(old.status, "void", "the old price can no longer be paid");
    let stale = learner
        .call(
            ConfirmPayment::PATH,
            &format!("invoice_id={}&choice=pay", w.learner_invoice),
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
}

#[tokio::test]
async fn markdown_in_lessons_and_posts_is_sanitised() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "alpha").await;
    let (course, _, lessons) = create_course(&t, "xss", "Tricky", "public", true, &["Trap"]).await;
    assert!(
        app::data::repos::lessons::update_body(&t, lessons[0], XSS)
            .await
            .unwrap()
    );
    let learner = user_id(&db, "learner@example.org").await.unwrap();
    enrollments::enroll(&t, course, learner).await.unwrap();
    t.commit().await.unwrap();

    let mut me = as_person(&w.app, "learner").await;
    let lesson: LessonView = serde_json::from_str(
        &me.call(
            LessonPage::PATH,
            &format!("slug=xss&lesson_id={}", lessons[0]),
        )
        .await
        .body,
    )
    .unwrap();
    let page = me
        .get(&format!("/courses/xss/lessons/{}", lessons[0]))
        .await;
    let thread_id: String = {
        let created = me
            .call(
                StartThread::PATH,
                &format!("slug=open&title=XSS&body={}", enc(XSS)),
            )
            .await;
        serde_json::from_str::<String>(&created.body)
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned()
    };
    let thread: ThreadView = serde_json::from_str(
        &me.call(
            DiscussionThread::PATH,
            &format!("slug=open&thread_id={thread_id}"),
        )
        .await
        .body,
    )
    .unwrap();
    let thread_page = me
        .get(&format!("/courses/open/discussions/{thread_id}"))
        .await;
    for html in [&lesson.html, &thread.opening.html] {
        assert!(
            html.contains("<strong>bold</strong>"),
            "Markdown still renders: {html}"
        );
        for bad in ["<script", "onerror", "javascript:", "<iframe", "style="] {
            assert!(
                !html.to_lowercase().contains(bad),
                "{bad} survived in {html}"
            );
        }
    }
    for body in [&page.body, &thread_page.body] {
        if let Some(at) = body.find("<script>alert(1)</script>") {
            panic!(
                "raw script in page: …{}…",
                &body[at.saturating_sub(300)..(at + 60).min(body.len())]
            );
        }
        assert!(
            !body.contains("<img src=x onerror"),
            "a live tag, not escaped text"
        );
    }
}

#[tokio::test]
async fn discussions_belong_to_their_authors_and_moderators() {
    let w = world().await;
    let mut learner = as_person(&w.app, "learner").await;
    let mut instructor = as_person(&w.app, "instructor").await;
    let thread = w.learner_thread;
    let reply = instructor
        .call(
            ReplyToThread::PATH,
            &format!("slug=open&thread_id={thread}&body=Welcome"),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let view: ThreadView = serde_json::from_str(
        &learner
            .call(
                DiscussionThread::PATH,
                &format!("slug=open&thread_id={thread}"),
            )
            .await
            .body,
    )
    .unwrap();
    let reply_id = view.replies[0].id;
    assert!(view.opening.can_edit && view.opening.can_remove);
    assert!(
        !view.replies[0].can_edit && !view.replies[0].can_remove,
        "not the learner's reply"
    );

    assert_eq!(
        learner
            .call(
                EditPost::PATH,
                &format!("slug=open&post_id={reply_id}&body=Hacked")
            )
            .await
            .status,
        403
    );
    assert_eq!(
        learner
            .call(RemovePost::PATH, &format!("slug=open&post_id={reply_id}"))
            .await
            .status,
        403
    );
    assert_eq!(
        learner
            .call(
                EditPost::PATH,
                &format!("slug=open&post_id={thread}&body=Better%20words")
            )
            .await
            .status,
        200
    );
    assert_eq!(
        learner
            .call(
                EditPost::PATH,
                &format!("slug=open&post_id={thread}&body=%20%20")
            )
            .await
            .status,
        400,
        "empty posts are refused"
    );

    // An instructor removes the learner's post; the conversation keeps its place.
    assert_eq!(
        instructor
            .call(RemovePost::PATH, &format!("slug=open&post_id={thread}"))
            .await
            .status,
        200
    );
    let view: ThreadView = serde_json::from_str(
        &learner
            .call(
                DiscussionThread::PATH,
                &format!("slug=open&thread_id={thread}"),
            )
            .await
            .body,
    )
    .unwrap();
    assert!(view.opening.removed && view.opening.html.is_empty());
    assert_eq!(view.opening.source, None);
    assert_eq!(view.replies.len(), 1);
}

#[tokio::test]
async fn disabled_features_refuse_their_server_functions() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let mut plain = TenantSpec::new("plain", "Plain Org", "#010203");
    plain.features.courses = true;
    create_tenant(&db, plain).await;
    let t = tx(&db, "plain").await;
    create_person(&db, &t, "learner@example.org", "member").await;
    let (course, _, _) = create_course(&t, "open", "Open", "public", true, &["L"]).await;
    let learner = user_id(&db, "learner@example.org").await.unwrap();
    enrollments::enroll(&t, course, learner).await.unwrap();
    t.commit().await.unwrap();
    let mut me = Browser::new(&w.app, "plain.localhost", "");
    me.sign_in("learner@example.org", PASSWORD).await;
    for (path, form) in [
        (Quiz::PATH, format!("quiz_id={}", w.quiz)),
        (MyQuizzes::PATH, String::new()),
        (DiscussionBoard::PATH, "slug=open".into()),
        (StartThread::PATH, "slug=open&title=T&body=B".into()),
        (ShopCourses::PATH, String::new()),
        (
            PaymentPage::PATH,
            format!("invoice_id={}", w.learner_invoice),
        ),
    ] {
        let page = me.call(path, &form).await;
        assert_eq!(page.status, 404, "{path}: {}", page.body);
        assert!(
            page.body.contains("FeatureDisabled"),
            "{path}: {}",
            page.body
        );
    }
    for path in [
        "/assessments",
        "/community",
        "/shop",
        &format!("/assessments/{}", w.quiz),
    ] {
        assert_eq!(me.get(path).await.status, 404, "{path}");
    }
}

#[tokio::test]
async fn the_learner_flow_works_without_javascript() {
    let w = world().await;
    let mut peer = as_person(&w.app, "peer").await;
    let enrolled = peer
        .submit(Enroll::PATH, "slug=open", "/courses/open")
        .await;
    assert_eq!(enrolled.status, 302);
    assert_eq!(
        enrolled.headers["location"],
        format!("/alpha/courses/open/lessons/{}", w.lessons[0])
    );
    let lesson = peer
        .get(&format!("/courses/open/lessons/{}", w.lessons[0]))
        .await;
    assert_eq!(lesson.status, 200);
    assert!(lesson.body.contains("Mark complete"));
    assert!(
        lesson
            .body
            .contains(&format!("action=\"/alpha{}\"", CompleteLesson::PATH)),
        "forms post to the portal's own prefix"
    );

    let from = format!("/courses/open/lessons/{}", w.lessons[0]);
    let done = peer
        .submit(
            CompleteLesson::PATH,
            &format!("slug=open&lesson_id={}", w.lessons[0]),
            &from,
        )
        .await;
    assert_eq!(done.status, 302, "back to the lesson");
    // server_fn sends a plain form back to its page (trimming its own error query, hence "?").
    let location = done.headers["location"].to_str().unwrap();
    assert_eq!(
        location.trim_end_matches('?'),
        format!("http://localhost/alpha{from}")
    );
    let lesson = peer.get(&from).await;
    assert!(lesson.body.contains("completed this lesson"));

    // A member-only action by a non-member is sent back with a reason.
    let mut outsider = Browser::new(&w.app, "localhost", "/alpha");
    outsider.sign_in("outsider@example.org", PASSWORD).await;
    let refused = outsider
        .submit(Enroll::PATH, "slug=open", "/courses/open")
        .await;
    assert_eq!(refused.status, 302);
    assert_eq!(
        refused.headers["location"],
        "/alpha/courses/open?error=not_a_member"
    );
}

#[tokio::test]
async fn a_quiz_submitted_without_javascript_shows_its_result_once() {
    let w = world().await;
    let mut learner = as_person(&w.app, "learner").await;
    let (q1, right1, _) = w.single;
    let (q2, a, b, _) = w.multi;
    let page = format!("/assessments/{}", w.quiz);
    let submitted = learner
        .submit(
            SubmitQuiz::PATH,
            &format!(
                "quiz_id={}&answers[0]={q1}:{right1}&answers[1]={q2}:{a}&answers[2]={q2}:{b}",
                w.quiz
            ),
            &page,
        )
        .await;
    assert_eq!(submitted.status, 302, "{}", submitted.body);
    assert_eq!(submitted.headers["location"], format!("/alpha{page}"));

    let shown = learner.get(&page).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("data-testid=\"quiz-result\""),
        "{}",
        shown.body
    );
    assert!(
        shown
            .body
            .contains("You passed! You scored 100% (2 of 2 right).")
    );
    assert!(shown.body.contains("100% · passed"), "the try is listed");

    let again = learner.get(&page).await;
    assert!(
        !again.body.contains("quiz-result"),
        "a result is shown once"
    );
    assert!(again.body.contains("100% · passed"));

    // Another learner's page never shows it.
    let mut peer = as_person(&w.app, "peer").await;
    assert!(!peer.get(&page).await.body.contains("quiz-result"));
}
