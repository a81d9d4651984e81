//! Drafts, publishing, ordering, duplication, conflicting saves and quiz authoring.

use super::*;

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
        serde_json::from_str::<LearningDashboard>(&learner.call(MyLearning::PATH, "").await.body)
            .unwrap()
            .courses;
    assert!(
        mine.is_empty(),
        "hidden from the dashboard while unpublished"
    );
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=true"))
        .await;
    let mine: Vec<LearningItem> =
        serde_json::from_str::<LearningDashboard>(&learner.call(MyLearning::PATH, "").await.body)
            .unwrap()
            .courses;
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
    let form = |version: i32, title: &str, slug: &str, minimum: &str| {
        format!(
            "id={c}&version={version}&title={title}&slug={slug}&summary=S&access=members&price=12.50&quiz_required=on&certificate_min_score={minimum}"
        )
    };
    assert_eq!(
        first
            .call(
                SaveCourse::PATH,
                &form(course.version, "Renamed", "renamed", "80")
            )
            .await
            .status,
        200
    );
    assert_eq!(
        second
            .call(SaveCourse::PATH, &form(course.version, "Mine", "mine", ""))
            .await
            .status,
        409
    );
    let invalid = first
        .call(
            SaveCourse::PATH,
            &form(course.version + 1, "", "Bad%20Slug", "101"),
        )
        .await;
    assert_eq!(invalid.status, 400);
    assert!(
        invalid.body.contains("\"field\":\"title\"")
            && invalid.body.contains("\"field\":\"slug\"")
            && invalid.body.contains("\"field\":\"certificate_min_score\""),
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
            saved.quiz_required,
            saved.certificate_min_score
        ),
        ("Renamed", "renamed", 1250, true, Some(80))
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
    use app::api::billing::ConfirmPayment;
    use app::api::community::{DiscussionBoard, RemovePost, StartThread};
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
    let price = courses::CourseChanges {
        price_cents: Some(500),
        ..Default::default()
    };
    courses::update(&t, c, price).await.unwrap();
    let course = courses::find(&t, c).await.unwrap().unwrap();
    let me = user_id(&db, "learner@example.org").await.unwrap();
    let invoice = sales::buy_course(&t, me, &course).await.unwrap().id;
    t.commit().await.unwrap();
    staff
        .call(PublishCourse::PATH, &format!("id={c}&publish=false"))
        .await;
    assert_eq!(
        learner
            .call(
                ConfirmPayment::PATH,
                &format!("invoice_id={invoice}&choice=pay")
            )
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
