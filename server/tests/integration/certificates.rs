//! Completion certificates over HTTP: issued on completion (and at the course's minimum quiz
//! score), listed for their learner, verifiable by anyone in their own portal only, as a page and
//! as a PDF, and revocable by admins with a reason.

use crate::support::*;
use app::api::admin::branding::UploadBrandImage;
use app::api::assessments::SubmitQuiz;
use app::api::certificates::{RevokeCertificate, VerifyCertificate};
use app::api::learning::{CompleteLesson, MyLearning};
use app::data::repos::{courses, enrollments, memberships, quizzes, users};
use app::model::certificate::{CertificateItem, CertificateView};
use app::model::learning::LearningDashboard;
use server_fn::ServerFn;
use uuid::Uuid;

/// Someone whose name needs more than Latin-1, as certificates must print names as written.
const NAME: &str = "Zoë Łukasiewicz-Dvořák";

struct World {
    app: TestApp,
    lessons: Vec<Uuid>,
    /// "scored": one lesson and a quiz with one question (right, wrong option).
    scored_lesson: Uuid,
    quiz: Uuid,
    question: (Uuid, Uuid, Uuid),
}

/// alpha: "open" (two lessons) and "scored" (one lesson, a quiz, certificate at 80 %); the
/// learner is enrolled in both. beta: a tenant of its own.
async fn world() -> World {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    create_tenant(
        &db,
        TenantSpec::new("beta", "Beta Org", "#445566").everything(),
    )
    .await;
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
    let (scored, _, scored_lessons) =
        create_course(&t, "scored", "Scored Course", "public", true, &["Only"]).await;
    let minimum = courses::CourseChanges {
        certificate_min_score: Some(Some(80)),
        ..Default::default()
    };
    assert!(courses::update(&t, scored, minimum).await.unwrap());
    let quiz = quizzes::create(&t, scored, "Check", 50).await.unwrap();
    quizzes::add_question(
        &t,
        quiz.id,
        "Pick four",
        false,
        0,
        &[("4", true), ("5", false)],
    )
    .await
    .unwrap();
    let questions = quizzes::questions(&t, quiz.id).await.unwrap();
    let (question, options) = &questions[0];
    let question = (question.id, options[0].id, options[1].id);
    let hash = app::data::passwords::hash(PASSWORD).unwrap();
    let learner = users::create(
        &t,
        users::NewUser {
            email: "learner@example.org",
            display_name: NAME,
            password_hash: Some(hash),
        },
    )
    .await
    .unwrap()
    .id;
    memberships::add(&t, learner, "member").await.unwrap();
    create_person(&db, &t, "admin@example.org", "admin").await;
    create_person(&db, &t, "peer@example.org", "member").await;
    for course in [open, scored] {
        enrollments::enroll(&t, course, learner).await.unwrap();
    }
    t.commit().await.unwrap();
    World {
        app,
        lessons,
        scored_lesson: scored_lessons[0],
        quiz: quiz.id,
        question,
    }
}

/// The learner's certificates, as "My learning" lists them.
async fn mine(b: &mut Browser<'_>) -> Vec<CertificateItem> {
    let page = b.call(MyLearning::PATH, "").await;
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str::<LearningDashboard>(&page.body)
        .unwrap()
        .certificates
}

async fn learner(w: &World) -> Browser<'_> {
    let mut b = Browser::new(&w.app, "localhost", "/alpha");
    b.sign_in("learner@example.org", PASSWORD).await;
    b
}

/// Completes "open" and returns its certificate's code.
async fn complete_open(w: &World, b: &mut Browser<'_>) -> String {
    for id in &w.lessons {
        let done = b
            .call(CompleteLesson::PATH, &format!("slug=open&lesson_id={id}"))
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
    }
    let list = mine(b).await;
    assert_eq!(list.len(), 1, "{list:?}");
    list[0].code.as_str().to_owned()
}

#[tokio::test]
async fn completing_a_course_issues_one_certificate_that_anyone_can_verify_in_its_portal() {
    let w = world().await;
    let mut b = learner(&w).await;
    // Half way: nothing yet.
    b.call(
        CompleteLesson::PATH,
        &format!("slug=open&lesson_id={}", w.lessons[0]),
    )
    .await;
    assert!(mine(&mut b).await.is_empty());
    let code = complete_open(&w, &mut b).await;
    assert_eq!(code.len(), 28, "140 bits as 28 base-32 characters");
    let item = &mine(&mut b).await[0];
    assert_eq!(
        (
            item.course_title.as_str(),
            item.learner_name.as_str(),
            item.revoked
        ),
        ("Open Course", NAME, false)
    );
    // Completing again issues no second one.
    b.call(
        CompleteLesson::PATH,
        &format!("slug=open&lesson_id={}", w.lessons[1]),
    )
    .await;
    assert_eq!(mine(&mut b).await.len(), 1);
    // "My learning" lists it with its page and PDF.
    let learning = b.get("/learning").await;
    assert!(
        learning
            .body
            .contains(&format!("/alpha/certificates/{code}/pdf"))
    );

    // Anyone, signed in or not, at the path and at the subdomain; typed in groups, lower case.
    let grouped = item.code.grouped().to_lowercase();
    for (host, path) in [
        ("localhost", format!("/alpha/certificates/{code}")),
        ("alpha.localhost", format!("/certificates/{code}")),
        ("localhost", format!("/alpha/certificates/{grouped}")),
        ("localhost", format!("/alpha/certificates?code={grouped}")),
    ] {
        let page = w.app.get(host, &path).await;
        assert_eq!(page.status, 200, "{host}{path}: {}", page.body);
        assert!(page.body.contains("data-certificate=\"valid\""), "{path}");
        assert!(page.body.contains(NAME) && page.body.contains("Open Course"));
        assert!(page.body.contains(&item.code.grouped()));
    }
    let anonymous = w
        .app
        .call(
            "localhost",
            "/alpha",
            VerifyCertificate::PATH,
            &format!("code={code}"),
        )
        .await;
    let view: CertificateView = serde_json::from_str(&anonymous.body).unwrap();
    assert_eq!(
        (view.tenant_name.as_str(), view.revoked.is_none()),
        ("Alpha Org", true)
    );

    // Another portal cannot verify it: the same answer as a code that does not exist.
    let unknown = "0".repeat(28);
    for (slug, probe) in [
        ("beta", code.as_str()),
        ("alpha", unknown.as_str()),
        ("alpha", "nonsense"),
    ] {
        let page = w
            .app
            .get("localhost", &format!("/{slug}/certificates/{probe}"))
            .await;
        assert_eq!(page.status, 404, "{slug}/{probe}");
        assert!(page.body.contains("data-certificate=\"not-found\""));
        assert!(!page.body.contains(NAME));
        let call = w
            .app
            .call(
                "localhost",
                &format!("/{slug}"),
                VerifyCertificate::PATH,
                &format!("code={probe}"),
            )
            .await;
        assert_eq!(call.status, 404, "{}", call.body);
        let pdf = w
            .app
            .get("localhost", &format!("/{slug}/certificates/{probe}/pdf"))
            .await;
        assert_eq!(pdf.status, 404);
    }
    let beta = w
        .app
        .get("beta.localhost", &format!("/certificates/{code}"))
        .await;
    assert_eq!(beta.status, 404);
}

#[tokio::test]
async fn the_pdf_carries_the_certificate_in_bounded_size() {
    let w = world().await;
    let mut b = learner(&w).await;
    let code = complete_open(&w, &mut b).await;
    let response = w
        .app
        .request(
            reqwest::Method::GET,
            "localhost",
            &format!("/alpha/certificates/{code}/pdf"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("certificate-{code}.pdf"))
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert!(bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"));
    // Two subset fonts, not two whole ones (1.4 MB).
    assert!(bytes.len() < 120_000, "{} bytes", bytes.len());
    assert!(bytes.len() > 2_000, "{} bytes", bytes.len());
    // No logo yet: the tenant's initials, no image.
    assert!(!String::from_utf8_lossy(&bytes).contains("/Subtype/Image"));

    // The admin uploads a logo; the next PDF carries it.
    let mut admin = Browser::new(&w.app, "localhost", "/alpha");
    admin.sign_in("admin@example.org", PASSWORD).await;
    let logo = include_bytes!("../fixtures/logo.png").to_vec();
    let form = reqwest::multipart::Form::new().text("kind", "logo").part(
        "image",
        reqwest::multipart::Part::bytes(logo).file_name("logo.png"),
    );
    let uploaded = admin.upload(UploadBrandImage::PATH, form).await;
    assert_eq!(uploaded.status, 200, "{}", uploaded.body);
    let pdf = w
        .app
        .get("alpha.localhost", &format!("/certificates/{code}/pdf"))
        .await;
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.contains("/Subtype/Image"), "the logo is drawn");
    assert!(pdf.body.len() < 150_000, "{} bytes", pdf.body.len());
}

#[tokio::test]
async fn a_minimum_score_holds_the_certificate_back_until_it_is_reached() {
    let w = world().await;
    let mut b = learner(&w).await;
    let done = b
        .call(
            CompleteLesson::PATH,
            &format!("slug=scored&lesson_id={}", w.scored_lesson),
        )
        .await;
    assert!(done.body.contains("\"complete\":true"), "{}", done.body);
    assert!(
        mine(&mut b).await.is_empty(),
        "complete, but no quiz at 80 % yet"
    );
    let (q, right, wrong) = w.question;
    let answer = |option: Uuid| format!("quiz_id={}&answers[0]={q}:{option}", w.quiz);
    let failed = b.call(SubmitQuiz::PATH, &answer(wrong)).await;
    assert_eq!(failed.status, 200, "{}", failed.body);
    assert!(mine(&mut b).await.is_empty(), "0 % is below 80 %");
    let passed = b.call(SubmitQuiz::PATH, &answer(right)).await;
    assert_eq!(passed.status, 200, "{}", passed.body);
    let list = mine(&mut b).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].course_title, "Scored Course");
}

#[tokio::test]
async fn admins_revoke_with_a_reason_and_the_certificate_says_so() {
    let w = world().await;
    let mut b = learner(&w).await;
    let code = complete_open(&w, &mut b).await;
    let revoke = |reason: &str| format!("code={code}&reason={reason}");

    // Not the learner, not another member.
    assert_eq!(
        b.call(RevokeCertificate::PATH, &revoke("mine"))
            .await
            .status,
        403
    );
    let mut admin = Browser::new(&w.app, "localhost", "/alpha");
    admin.sign_in("admin@example.org", PASSWORD).await;
    let empty = admin.call(RevokeCertificate::PATH, &revoke("+")).await;
    assert_eq!(empty.status, 400, "{}", empty.body);
    assert!(empty.body.contains("reason_required"), "{}", empty.body);
    let listed = admin.get("/admin/certificates").await;
    assert!(listed.body.contains(NAME) && listed.body.contains(&code));

    // The admin list's form, as a browser without JavaScript sends it.
    let done = admin
        .submit(
            RevokeCertificate::PATH,
            &revoke("Awarded+in+error"),
            "/admin/certificates",
        )
        .await;
    assert_eq!(done.status, 302, "{}", done.body);
    assert!(
        done.headers["location"]
            .to_str()
            .unwrap()
            .ends_with("/alpha/admin/certificates?done=revoked")
    );
    let page = w
        .app
        .get("localhost", &format!("/alpha/certificates/{code}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-certificate=\"revoked\""));
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert!(
        page.body.contains(&format!("Revoked on {today}.")),
        "{}",
        page.body
    );
    assert!(page.body.contains("Awarded in error"));
    assert!(!page.body.contains("data-certificate=\"valid\""));
    assert!(mine(&mut b).await[0].revoked);
    // Once is enough.
    assert_eq!(
        admin
            .call(RevokeCertificate::PATH, &revoke("again"))
            .await
            .status,
        404
    );
}
