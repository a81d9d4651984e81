//! The instructor studio over HTTP: who may use it, drafts and publishing as learners see them,
//! ordering, duplication, conflicts, uploads, deletion and cross-tenant ids.

use crate::support::*;
use app::api::catalog::{CourseOutline, ListCourses};
use app::api::learning::MyLearning;
use app::api::studio::courses::{
    CourseForEditing, CreateCourse, DeleteCourse, DuplicateCourse, PublishCourse, SaveCourse,
    StudioCourses,
};
use app::api::studio::insight::LearnerInsight;
use app::api::studio::media::UploadCover;
use app::api::studio::outline::{
    AddLesson, AddModule, DeleteLesson, DeleteModule, LessonForEditing, MoveLesson, MoveModule,
    PublishLesson, RenameModule, SaveLesson,
};
use app::api::studio::quizzes::{
    AddQuestion, CreateQuiz, DeleteQuestion, DeleteQuiz, QuizForEditing, SaveQuiz,
};
use app::data::repos::{courses, enrollments, lessons, modules, orders, quizzes};
use app::model::CourseDetail;
use app::model::learning::LearningItem;
use app::model::studio::{CourseInsight, LessonDraft, QuizDraft, StudioCourse};
use server_fn::ServerFn;
use uuid::Uuid;

struct World {
    app: TestApp,
    course: Uuid,
    modules: [Uuid; 2],
    lessons: [Uuid; 3],
    quiz: Uuid,
    question: Uuid,
    beta_course: Uuid,
    beta_module: Uuid,
    beta_lesson: Uuid,
    beta_quiz: Uuid,
}

/// alpha (every feature): a draft course "draft-course" with modules M1 (L1, L2) and M2 (L3),
/// a quiz with one question, and the learner enrolled. beta: its own course, module, lesson and
/// quiz, and its own instructor.
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

    let b = tx(&db, "beta").await;
    create_person(&db, &b, "beta-instructor@example.org", "instructor").await;
    let (beta_course, beta_module, beta_lessons) =
        create_course(&b, "draft-course", "Beta course", "public", true, &["B1"]).await;
    let beta_quiz = quizzes::create(&b, beta_course, "Beta quiz", 50)
        .await
        .unwrap()
        .id;
    b.commit().await.unwrap();

    let t = tx(&db, "alpha").await;
    let learner = create_person(&db, &t, "learner@example.org", "member").await;
    create_person(&db, &t, "instructor@example.org", "instructor").await;
    create_person(&db, &t, "other-instructor@example.org", "instructor").await;
    create_person(&db, &t, "admin@example.org", "admin").await;
    let (course, m1, l12) = create_course(
        &t,
        "draft-course",
        "Draft Course",
        "public",
        false,
        &["L1", "L2"],
    )
    .await;
    let m2 = modules::create(&t, course, "M2", 1).await.unwrap().id;
    let l3 = lessons::create(
        &t,
        lessons::NewLesson {
            course_id: course,
            module_id: m2,
            title: "L3",
            body_markdown: "Third",
            position: 0,
            published: true,
        },
    )
    .await
    .unwrap()
    .id;
    let quiz = quizzes::create(&t, course, "Quiz", 60).await.unwrap().id;
    let question =
        quizzes::add_question(&t, quiz, "Pick a", false, 0, &[("a", true), ("b", false)])
            .await
            .unwrap()
            .id;
    enrollments::enroll(&t, course, learner).await.unwrap();
    enrollments::complete_lesson(&t, learner, course, l12[0])
        .await
        .unwrap();
    t.commit().await.unwrap();
    World {
        app,
        course,
        modules: [m1, m2],
        lessons: [l12[0], l12[1], l3],
        quiz,
        question,
        beta_course,
        beta_module,
        beta_lesson: beta_lessons[0],
        beta_quiz,
    }
}

async fn signed_in<'a>(app: &'a TestApp, email: Option<&str>) -> Browser<'a> {
    let mut b = Browser::new(app, "localhost", "/alpha");
    if let Some(email) = email {
        b.sign_in(email, PASSWORD).await;
    }
    b
}

const PEOPLE: [Option<&str>; 5] = [
    None,
    Some("learner@example.org"),
    Some("beta-instructor@example.org"),
    Some("instructor@example.org"),
    Some("admin@example.org"),
];

#[tokio::test]
async fn only_teaching_staff_reach_the_studio() {
    let w = world().await;
    let (c, [m1, _], [l1, ..], q, qq) = (w.course, w.modules, w.lessons, w.quiz, w.question);
    let staff = [401, 403, 403, 200, 200];
    let table: Vec<(&str, String, [u16; 5])> = vec![
        (StudioCourses::PATH, String::new(), staff),
        (CourseForEditing::PATH, format!("id={c}"), staff),
        (
            LessonForEditing::PATH,
            format!("course_id={c}&lesson_id={l1}"),
            staff,
        ),
        (
            QuizForEditing::PATH,
            format!("course_id={c}&quiz_id={q}"),
            staff,
        ),
        (LearnerInsight::PATH, format!("course_id={c}"), staff),
        (
            RenameModule::PATH,
            format!("course_id={c}&module_id={m1}&title=Module%20one"),
            staff,
        ),
        (
            MoveModule::PATH,
            format!("course_id={c}&module_id={m1}&direction=up"),
            staff,
        ),
        (
            PublishLesson::PATH,
            format!("course_id={c}&lesson_id={l1}&publish=true"),
            staff,
        ),
        (PublishCourse::PATH, format!("id={c}&publish=false"), staff),
        (
            SaveQuiz::PATH,
            format!("course_id={c}&quiz_id={q}&title=Quiz&passing_score=60"),
            staff,
        ),
        (AddModule::PATH, format!("course_id={c}&title=Extra"), staff),
        (
            AddLesson::PATH,
            format!("course_id={c}&module_id={m1}&title=Extra"),
            staff,
        ),
        (
            CreateQuiz::PATH,
            format!("course_id={c}&title=Extra&passing_score=50"),
            staff,
        ),
        (
            AddQuestion::PATH,
            format!("course_id={c}&quiz_id={q}&prompt=P&options[0]=x&options[1]=y&correct[0]=0"),
            staff,
        ),
        // Destructive ones: refused for everyone but staff; staff runs them in other tests.
        (
            DeleteQuestion::PATH,
            format!("course_id={c}&quiz_id={q}&question_id={qq}"),
            [401, 403, 403, 0, 0],
        ),
        (
            DeleteModule::PATH,
            format!("course_id={c}&module_id={m1}"),
            [401, 403, 403, 0, 0],
        ),
        (
            DeleteLesson::PATH,
            format!("course_id={c}&lesson_id={l1}"),
            [401, 403, 403, 0, 0],
        ),
        (
            DeleteQuiz::PATH,
            format!("course_id={c}&quiz_id={q}"),
            [401, 403, 403, 0, 0],
        ),
        (
            DeleteCourse::PATH,
            format!("id={c}&confirm=yes"),
            [401, 403, 403, 0, 0],
        ),
        (
            DuplicateCourse::PATH,
            format!("id={c}"),
            [401, 403, 403, 0, 0],
        ),
        (
            CreateCourse::PATH,
            "title=T&slug=some-new&summary=&access=public".into(),
            [401, 403, 403, 0, 0],
        ),
        (
            SaveCourse::PATH,
            format!("id={c}&version=1&title=T&slug=draft-course&summary=&access=public"),
            [401, 403, 403, 0, 0],
        ),
        (
            SaveLesson::PATH,
            format!("course_id={c}&lesson_id={l1}&version=1&title=T&body=B"),
            [401, 403, 403, 0, 0],
        ),
    ];
    let mut browsers = Vec::new();
    for who in PEOPLE {
        browsers.push(signed_in(&w.app, who).await);
    }
    for (path, form, expected) in &table {
        for (i, who) in PEOPLE.iter().enumerate() {
            if expected[i] == 0 {
                continue;
            }
            let page = browsers[i].call(path, form).await;
            assert_eq!(page.status, expected[i], "{path} as {who:?}: {}", page.body);
        }
    }
    // Pages and the CSV download answer the same way.
    for (i, who) in PEOPLE.iter().enumerate() {
        let page = browsers[i].get("/studio").await;
        assert_eq!(page.status, staff[i], "/studio as {who:?}");
        let csv = browsers[i]
            .get(&format!("/studio/courses/{c}/learners.csv"))
            .await;
        assert_eq!(csv.status, staff[i], "CSV as {who:?}");
    }
}

#[tokio::test]
async fn ids_from_another_tenant_find_nothing() {
    let w = world().await;
    let mut me = signed_in(&w.app, Some("instructor@example.org")).await;
    let (c, bc) = (w.course, w.beta_course);
    for (path, form) in [
        (CourseForEditing::PATH, format!("id={bc}")),
        (PublishCourse::PATH, format!("id={bc}&publish=false")),
        (DuplicateCourse::PATH, format!("id={bc}")),
        (DeleteCourse::PATH, format!("id={bc}&confirm=yes")),
        (
            RenameModule::PATH,
            format!("course_id={c}&module_id={}&title=X", w.beta_module),
        ),
        (
            DeleteModule::PATH,
            format!("course_id={c}&module_id={}", w.beta_module),
        ),
        (
            AddLesson::PATH,
            format!("course_id={c}&module_id={}&title=X", w.beta_module),
        ),
        (
            SaveLesson::PATH,
            format!(
                "course_id={c}&lesson_id={}&version=1&title=X&body=Y",
                w.beta_lesson
            ),
        ),
        (
            DeleteLesson::PATH,
            format!("course_id={c}&lesson_id={}", w.beta_lesson),
        ),
        (
            QuizForEditing::PATH,
            format!("course_id={c}&quiz_id={}", w.beta_quiz),
        ),
        (
            DeleteQuiz::PATH,
            format!("course_id={c}&quiz_id={}", w.beta_quiz),
        ),
        (LearnerInsight::PATH, format!("course_id={bc}")),
        (CourseForEditing::PATH, "id=not-a-uuid".into()),
    ] {
        let page = me.call(path, &form).await;
        assert_eq!(page.status, 404, "{path} {form}: {}", page.body);
    }
    // Beta's rows are untouched.
    let db = w.app.state.db.clone();
    let t = tx(&db, "beta").await;
    assert_eq!(
        lessons::find(&t, w.beta_lesson)
            .await
            .unwrap()
            .unwrap()
            .title,
        "B1"
    );
    assert!(courses::find(&t, bc).await.unwrap().is_some());
    assert!(quizzes::find(&t, w.beta_quiz).await.unwrap().is_some());
}

async fn outline_titles(b: &mut Browser<'_>, slug: &str) -> Option<Vec<String>> {
    let page = b.call(CourseOutline::PATH, &format!("slug={slug}")).await;
    if page.status != 200 {
        return None;
    }
    let detail: CourseDetail = serde_json::from_str(&page.body).unwrap();
    Some(
        detail
            .modules
            .iter()
            .flat_map(|m| m.lessons.iter().map(|l| l.title.clone()))
            .collect(),
    )
}

#[tokio::test]
async fn learners_see_only_published_courses_and_lessons_in_the_saved_order() {
    let w = world().await;
    let mut staff = signed_in(&w.app, Some("instructor@example.org")).await;
    let mut learner = signed_in(&w.app, Some("learner@example.org")).await;
    let c = w.course;
    assert_eq!(
        outline_titles(&mut learner, "draft-course").await,
        None,
        "a draft course is invisible"
    );
    assert!(
        !learner
            .call(ListCourses::PATH, "")
            .await
            .body
            .contains("draft-course")
    );

    assert_eq!(
        staff
            .call(PublishCourse::PATH, &format!("id={c}&publish=true"))
            .await
            .status,
        200
    );
    assert_eq!(
        outline_titles(&mut learner, "draft-course").await.unwrap(),
        ["L1", "L2", "L3"]
    );

    // A new lesson is a draft until published.
    let added = staff
        .call(
            AddLesson::PATH,
            &format!("course_id={c}&module_id={}&title=L4", w.modules[1]),
        )
        .await;
    assert_eq!(added.status, 200);
    assert_eq!(
        outline_titles(&mut learner, "draft-course").await.unwrap(),
        ["L1", "L2", "L3"]
    );
    let editor: StudioCourse = serde_json::from_str(
        &staff
            .call(CourseForEditing::PATH, &format!("id={c}"))
            .await
            .body,
    )
    .unwrap();
    let l4 = editor.modules[1]
        .lessons
        .iter()
        .find(|l| l.title == "L4")
        .unwrap()
        .id;
    staff
        .call(
            PublishLesson::PATH,
            &format!("course_id={c}&lesson_id={l4}&publish=true"),
        )
        .await;
    assert_eq!(
        outline_titles(&mut learner, "draft-course").await.unwrap(),
        ["L1", "L2", "L3", "L4"]
    );

    // Reordering persists and is what learners see.
    let [l1, l2, _] = w.lessons;
    assert_eq!(
        staff
            .call(
                MoveLesson::PATH,
                &format!("course_id={c}&lesson_id={l2}&direction=up")
            )
            .await
            .status,
        200
    );
    assert_eq!(
        staff
            .call(
                MoveModule::PATH,
                &format!("course_id={c}&module_id={}&direction=up", w.modules[1])
            )
            .await
            .status,
        200
    );
    assert_eq!(
        outline_titles(&mut learner, "draft-course").await.unwrap(),
        ["L3", "L4", "L2", "L1"]
    );
    let editor: StudioCourse = serde_json::from_str(
        &staff
            .call(CourseForEditing::PATH, &format!("id={c}"))
            .await
            .body,
    )
    .unwrap();
    let order: Vec<_> = editor.modules.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(order, ["M2", "Module one"]);
    let _ = l1;

    // Unpublishing hides the course but keeps enrolment and progress.
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=false"))
        .await;
    assert_eq!(outline_titles(&mut learner, "draft-course").await, None);
    let mine: Vec<LearningItem> =
        serde_json::from_str(&learner.call(MyLearning::PATH, "").await.body).unwrap();
    assert!(
        mine.is_empty(),
        "hidden from the dashboard while unpublished"
    );
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=true"))
        .await;
    let mine: Vec<LearningItem> =
        serde_json::from_str(&learner.call(MyLearning::PATH, "").await.body).unwrap();
    assert_eq!(mine[0].progress.done, 1, "progress survived unpublishing");
}

#[tokio::test]
async fn duplicating_copies_modules_lessons_and_quizzes_as_a_draft() {
    let w = world().await;
    let mut staff = signed_in(&w.app, Some("instructor@example.org")).await;
    let c = w.course;
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=true"))
        .await;
    let copied = staff.call(DuplicateCourse::PATH, &format!("id={c}")).await;
    assert_eq!(copied.status, 200, "{}", copied.body);
    let path: String = serde_json::from_str(&copied.body).unwrap();
    let copy_id = path.rsplit('/').next().unwrap();
    let copy: StudioCourse = serde_json::from_str(
        &staff
            .call(CourseForEditing::PATH, &format!("id={copy_id}"))
            .await
            .body,
    )
    .unwrap();
    let original: StudioCourse = serde_json::from_str(
        &staff
            .call(CourseForEditing::PATH, &format!("id={c}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(copy.slug, "draft-course-copy");
    assert_eq!(copy.title, "Copy of Draft Course");
    assert!(!copy.published, "a copy starts as a draft");
    let shape = |s: &StudioCourse| {
        s.modules
            .iter()
            .map(|m| {
                (
                    m.title.clone(),
                    m.lessons
                        .iter()
                        .map(|l| (l.title.clone(), l.published))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&copy), shape(&original));
    assert_eq!(copy.quizzes.len(), 1);
    let quiz: QuizDraft = serde_json::from_str(
        &staff
            .call(
                QuizForEditing::PATH,
                &format!("course_id={copy_id}&quiz_id={}", copy.quizzes[0].id),
            )
            .await
            .body,
    )
    .unwrap();
    assert_eq!((quiz.title.as_str(), quiz.passing_score), ("Quiz", 60));
    assert_eq!(quiz.questions[0].prompt, "Pick a");
    let opts: Vec<_> = quiz.questions[0]
        .options
        .iter()
        .map(|o| (o.label.as_str(), o.correct))
        .collect();
    assert_eq!(opts, [("a", true), ("b", false)]);
    let lesson: LessonDraft = serde_json::from_str(
        &staff
            .call(
                LessonForEditing::PATH,
                &format!(
                    "course_id={copy_id}&lesson_id={}",
                    copy.modules[1].lessons[0].id
                ),
            )
            .await
            .body,
    )
    .unwrap();
    assert_eq!(lesson.body, "Third");
    // A second copy gets its own slug.
    let again: String = serde_json::from_str(
        &staff
            .call(DuplicateCourse::PATH, &format!("id={c}"))
            .await
            .body,
    )
    .unwrap();
    let second: StudioCourse = serde_json::from_str(
        &staff
            .call(
                CourseForEditing::PATH,
                &format!("id={}", again.rsplit('/').next().unwrap()),
            )
            .await
            .body,
    )
    .unwrap();
    assert_eq!(second.slug, "draft-course-copy-2");
}

#[tokio::test]
async fn a_second_save_from_an_old_version_is_refused_not_lost() {
    let w = world().await;
    let mut first = signed_in(&w.app, Some("instructor@example.org")).await;
    let mut second = signed_in(&w.app, Some("other-instructor@example.org")).await;
    let (c, l1) = (w.course, w.lessons[0]);
    let opened: LessonDraft = serde_json::from_str(
        &first
            .call(
                LessonForEditing::PATH,
                &format!("course_id={c}&lesson_id={l1}"),
            )
            .await
            .body,
    )
    .unwrap();
    let v = opened.version;
    let saved = first
        .call(
            SaveLesson::PATH,
            &format!("course_id={c}&lesson_id={l1}&version={v}&title=L1&body=First%20edit"),
        )
        .await;
    assert_eq!(saved.body, (v + 1).to_string());
    let refused = second
        .call(
            SaveLesson::PATH,
            &format!("course_id={c}&lesson_id={l1}&version={v}&title=L1&body=Second%20edit"),
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(refused.body.contains("Conflict"));
    let now: LessonDraft = serde_json::from_str(
        &second
            .call(
                LessonForEditing::PATH,
                &format!("course_id={c}&lesson_id={l1}"),
            )
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        (now.body.as_str(), now.version),
        ("First edit", v + 1),
        "the first save stands"
    );

    // Course settings too; and validation errors name their fields.
    let course: StudioCourse = serde_json::from_str(
        &first
            .call(CourseForEditing::PATH, &format!("id={c}"))
            .await
            .body,
    )
    .unwrap();
    let form = |version: i32, title: &str, slug: &str| {
        format!(
            "id={c}&version={version}&title={title}&slug={slug}&summary=S&access=members&price=12.50&quiz_required=on"
        )
    };
    assert_eq!(
        first
            .call(
                SaveCourse::PATH,
                &form(course.version, "Renamed", "renamed")
            )
            .await
            .status,
        200
    );
    assert_eq!(
        second
            .call(SaveCourse::PATH, &form(course.version, "Mine", "mine"))
            .await
            .status,
        409
    );
    let invalid = first
        .call(
            SaveCourse::PATH,
            &form(course.version + 1, "", "Bad%20Slug"),
        )
        .await;
    assert_eq!(invalid.status, 400);
    assert!(
        invalid.body.contains("\"field\":\"title\"") && invalid.body.contains("\"field\":\"slug\""),
        "{}",
        invalid.body
    );
    let saved: StudioCourse = serde_json::from_str(
        &first
            .call(CourseForEditing::PATH, &format!("id={c}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        (
            saved.title.as_str(),
            saved.slug.as_str(),
            saved.price_cents,
            saved.quiz_required
        ),
        ("Renamed", "renamed", 1250, true)
    );
    let taken = first
        .call(
            CreateCourse::PATH,
            "title=X&slug=renamed&summary=&access=public",
        )
        .await;
    assert_eq!(taken.status, 400);
    assert!(taken.body.contains("Another course already uses"));
}

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    bytes
}

async fn upload(
    b: &Browser<'_>,
    app: &TestApp,
    course: Uuid,
    bytes: Vec<u8>,
    file_name: &str,
) -> Page {
    let form = reqwest::multipart::Form::new()
        .text("course_id", course.to_string())
        .part(
            "cover",
            reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
        );
    let response = app
        .request(
            reqwest::Method::POST,
            &b.host,
            &format!("{}{}", b.base, UploadCover::PATH),
        )
        .header(
            reqwest::header::COOKIE,
            format!("atrium_session={}", b.cookie.clone().unwrap_or_default()),
        )
        .header(reqwest::header::ACCEPT, "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    Page {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

#[tokio::test]
async fn covers_are_checked_stored_per_tenant_and_served_only_there() {
    let w = world().await;
    let staff = signed_in(&w.app, Some("instructor@example.org")).await;
    let ok = upload(&staff, &w.app, w.course, png(), "cover.png").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let path: String = serde_json::from_str(&ok.body).unwrap();
    assert!(
        path.starts_with("/alpha/media/") && path.ends_with(".png"),
        "{path}"
    );
    let name = path.rsplit('/').next().unwrap();

    let mut visitor = Browser::new(&w.app, "localhost", "/alpha");
    let mut publisher = signed_in(&w.app, Some("instructor@example.org")).await;
    publisher
        .call(
            PublishCourse::PATH,
            &format!("id={}&publish=true", w.course),
        )
        .await;
    let course_page = visitor.get("/courses/draft-course").await;
    assert!(
        course_page.body.contains(&format!("src=\"{path}\"")),
        "learners see the cover"
    );
    let image = visitor.get(&format!("/media/{name}")).await;
    assert_eq!(image.status, 200);
    assert_eq!(image.headers["content-type"], "image/png");
    let mut elsewhere = Browser::new(&w.app, "localhost", "/beta");
    assert_eq!(
        elsewhere.get(&format!("/media/{name}")).await.status,
        404,
        "another tenant cannot serve it"
    );
    assert_eq!(
        visitor.get("/media/..%2F..%2Fetc%2Fpasswd").await.status,
        404
    );

    for (bytes, file, message) in [
        (
            b"<svg onload=alert(1)></svg>".to_vec(),
            "cover.png",
            "Upload a PNG, JPEG, GIF or WebP image.",
        ),
        (
            b"just text".to_vec(),
            "cover.jpg",
            "Upload a PNG, JPEG, GIF or WebP image.",
        ),
        (
            {
                let mut big = png();
                big.resize(2 * 1024 * 1024 + 1, 0);
                big
            },
            "big.png",
            "Images must be 2 MB or smaller.",
        ),
    ] {
        let refused = upload(&staff, &w.app, w.course, bytes, file).await;
        assert_eq!(refused.status, 400, "{file}: {}", refused.body);
        assert!(refused.body.contains(message), "{}", refused.body);
    }
    let learner = signed_in(&w.app, Some("learner@example.org")).await;
    assert_eq!(
        upload(&learner, &w.app, w.course, png(), "cover.png")
            .await
            .status,
        403
    );
    assert_eq!(
        upload(&staff, &w.app, w.beta_course, png(), "cover.png")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn deleting_a_course_with_learners_needs_confirmation_and_keeps_orders() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "alpha").await;
    let learner = app::data::repos::users::find_by_email(&db, "learner@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let course = courses::find(&t, w.course).await.unwrap().unwrap();
    let order = orders::open_checkout(&t, learner, &course, 900)
        .await
        .unwrap()
        .id;
    t.commit().await.unwrap();

    let mut staff = signed_in(&w.app, Some("admin@example.org")).await;
    let asked = staff
        .call(DeleteCourse::PATH, &format!("id={}", w.course))
        .await;
    assert_eq!(asked.status, 409);
    assert!(asked.body.contains("\"learners\":1"), "{}", asked.body);
    let editor = staff
        .call(CourseForEditing::PATH, &format!("id={}", w.course))
        .await;
    assert_eq!(editor.status, 200, "nothing deleted without the yes");

    let gone = staff
        .call(DeleteCourse::PATH, &format!("id={}&confirm=yes", w.course))
        .await;
    assert_eq!(gone.status, 200, "{}", gone.body);
    assert_eq!(
        staff
            .call(CourseForEditing::PATH, &format!("id={}", w.course))
            .await
            .status,
        404
    );
    let t = tx(&db, "alpha").await;
    let kept = orders::find(&t, order)
        .await
        .unwrap()
        .expect("the order is kept");
    assert_eq!(
        (kept.course_id, kept.course_title.as_str()),
        (None, "Draft Course")
    );
    assert!(
        enrollments::find(&t, w.course, learner)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn instructors_see_each_learners_progress_and_can_export_it() {
    let w = world().await;
    let mut staff = signed_in(&w.app, Some("instructor@example.org")).await;
    let insight: CourseInsight = serde_json::from_str(
        &staff
            .call(LearnerInsight::PATH, &format!("course_id={}", w.course))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(insight.quiz_titles, ["Quiz"]);
    assert_eq!(insight.learners.len(), 1);
    let row = &insight.learners[0];
    assert_eq!(
        (row.email.as_str(), row.percent, row.completed),
        ("learner@example.org", 33, false)
    );
    assert!(row.last_activity.is_some());
    assert_eq!(row.quiz_scores, [None]);

    let csv = staff
        .get(&format!("/studio/courses/{}/learners.csv", w.course))
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next(),
        Some("Name,Email,Enrolled,Progress %,Completed,Last activity,Best score: Quiz")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("learner,learner@example.org,")
    );
}

#[tokio::test]
async fn quiz_authoring_checks_questions() {
    let w = world().await;
    let mut staff = signed_in(&w.app, Some("instructor@example.org")).await;
    let (c, q) = (w.course, w.quiz);
    let bad = staff.call(AddQuestion::PATH, &format!("course_id={c}&quiz_id={q}&prompt=Two%20right&options[0]=a&options[1]=b&correct[0]=0&correct[1]=1")).await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("\"field\":\"correct\""), "{}", bad.body);
    let ok = staff.call(AddQuestion::PATH, &format!("course_id={c}&quiz_id={q}&prompt=Two%20right&multiple=on&options[0]=a&options[1]=&options[2]=c&options[3]=&correct[0]=0&correct[2]=2")).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let quiz: QuizDraft = serde_json::from_str(
        &staff
            .call(QuizForEditing::PATH, &format!("course_id={c}&quiz_id={q}"))
            .await
            .body,
    )
    .unwrap();
    let last = quiz.questions.last().unwrap();
    assert!(last.multiple);
    assert_eq!(
        last.options
            .iter()
            .map(|o| (o.label.as_str(), o.correct))
            .collect::<Vec<_>>(),
        [("a", true), ("c", true)]
    );
    assert_eq!(
        staff
            .call(
                DeleteQuestion::PATH,
                &format!("course_id={c}&quiz_id={q}&question_id={}", w.question)
            )
            .await
            .status,
        200
    );
    assert_eq!(
        staff
            .call(
                SaveQuiz::PATH,
                &format!("course_id={c}&quiz_id={q}&title=Quiz&passing_score=101")
            )
            .await
            .status,
        400
    );
    // Without the assessments feature, authoring is refused.
    let db = w.app.state.db.clone();
    create_tenant(&db, TenantSpec::new("plain", "Plain", "#000000")).await;
    let t = tx(&db, "plain").await;
    create_person(&db, &t, "instructor@example.org", "instructor").await;
    let (pc, _, _) = create_course(&t, "x", "X", "public", true, &["L"]).await;
    t.commit().await.unwrap();
    let mut plain = Browser::new(&w.app, "plain.localhost", "");
    plain.sign_in("instructor@example.org", PASSWORD).await;
    assert_eq!(
        plain
            .call(
                CreateQuiz::PATH,
                &format!("course_id={pc}&title=Q&passing_score=50")
            )
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn unfinished_quizzes_unpublished_courses_and_removed_titles_stay_hidden() {
    use app::api::assessments::{Quiz, SubmitQuiz};
    use app::api::community::{DiscussionBoard, RemovePost, StartThread};
    use app::api::orders::PayOrder;
    let w = world().await;
    let mut staff = signed_in(&w.app, Some("instructor@example.org")).await;
    let mut learner = signed_in(&w.app, Some("learner@example.org")).await;
    let c = w.course;
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=true"))
        .await;
    let created: String = serde_json::from_str(
        &staff
            .call(
                CreateQuiz::PATH,
                &format!("course_id={c}&title=Empty&passing_score=50"),
            )
            .await
            .body,
    )
    .unwrap();
    let empty = created.rsplit('/').next().unwrap().to_owned();
    let outline: CourseDetail = serde_json::from_str(
        &learner
            .call(CourseOutline::PATH, "slug=draft-course")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        outline
            .quizzes
            .iter()
            .map(|q| q.title.as_str())
            .collect::<Vec<_>>(),
        ["Quiz"],
        "an empty quiz is not offered"
    );
    assert_eq!(
        learner
            .call(Quiz::PATH, &format!("quiz_id={empty}"))
            .await
            .status,
        404
    );
    assert_eq!(
        learner
            .call(SubmitQuiz::PATH, &format!("quiz_id={empty}"))
            .await
            .status,
        404,
        "nothing to pass"
    );

    // A checkout for a course that went back to draft cannot be paid.
    let db = w.app.state.db.clone();
    let t = tx(&db, "alpha").await;
    let course = courses::find(&t, c).await.unwrap().unwrap();
    let me = app::data::repos::users::find_by_email(&db, "learner@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let order = orders::open_checkout(&t, me, &course, 500)
        .await
        .unwrap()
        .id;
    t.commit().await.unwrap();
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=false"))
        .await;
    assert_eq!(
        learner
            .call(PayOrder::PATH, &format!("order_id={order}"))
            .await
            .status,
        400
    );
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=true"))
        .await;

    // A removed thread's title goes with its body.
    let url: String = serde_json::from_str(
        &learner
            .call(
                StartThread::PATH,
                "slug=draft-course&title=Rude%20words&body=Hello",
            )
            .await
            .body,
    )
    .unwrap();
    let thread = url.rsplit('/').next().unwrap().to_owned();
    assert_eq!(
        staff
            .call(
                RemovePost::PATH,
                &format!("slug=draft-course&post_id={thread}")
            )
            .await
            .status,
        200
    );
    let board = learner
        .call(DiscussionBoard::PATH, "slug=draft-course")
        .await;
    assert!(!board.body.contains("Rude words"), "{}", board.body);
    assert!(board.body.contains("Removed conversation"));
}
