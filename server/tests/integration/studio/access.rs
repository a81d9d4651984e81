//! Who may use the studio, and ids from another tenant.

use super::*;

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
