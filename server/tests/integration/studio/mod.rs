//! The instructor studio over HTTP: who may use it, drafts and publishing as learners see them,
//! ordering, duplication, conflicts, uploads, deletion and cross-tenant ids.

mod access;
mod authoring;
pub(crate) mod files;

use crate::support::*;
use app::api::catalog::{CourseOutline, ListCourses};
use app::api::learning::MyLearning;
use app::api::studio::courses::{
    CourseForEditing, CreateCourse, DeleteCourse, PublishCourse, SaveCourse, StudioCourses,
};
use app::api::studio::duplicate::DuplicateCourse;
use app::api::studio::insight::LearnerInsight;
use app::api::studio::media::UploadCover;
use app::api::studio::outline::{
    AddLesson, AddModule, DeleteLesson, DeleteModule, LessonForEditing, MoveLesson, MoveModule,
    PublishLesson, RenameModule, SaveLesson,
};
use app::api::studio::quizzes::{
    AddQuestion, CreateQuiz, DeleteQuestion, DeleteQuiz, QuizForEditing, SaveQuiz,
};
use app::billing::sales;
use app::data::repos::{courses, enrollments, lessons, modules, payments, quizzes};
use app::model::CourseDetail;
use app::model::learning::{LearningDashboard, LearningItem};
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
