//! Covers, deleting courses, and learner insight with its CSV.

use super::*;

pub(crate) fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    bytes
}

pub(crate) async fn upload(b: &Browser<'_>, course: Uuid, bytes: Vec<u8>, file_name: &str) -> Page {
    let form = reqwest::multipart::Form::new()
        .text("course_id", course.to_string())
        .part(
            "cover",
            reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
        );
    b.upload(UploadCover::PATH, form).await
}

#[tokio::test]
async fn covers_are_checked_stored_per_tenant_and_served_only_there() {
    let w = world().await;
    let staff = signed_in(&w.app, Some("instructor@example.org")).await;
    let ok = upload(&staff, w.course, png(), "cover.png").await;
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
        let refused = upload(&staff, w.course, bytes, file).await;
        assert_eq!(refused.status, 400, "{file}: {}", refused.body);
        assert!(refused.body.contains(message), "{}", refused.body);
    }
    let learner = signed_in(&w.app, Some("learner@example.org")).await;
    assert_eq!(
        upload(&learner, w.course, png(), "cover.png").await.status,
        403
    );
    assert_eq!(
        upload(&staff, w.beta_course, png(), "cover.png")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn deleting_a_course_with_learners_needs_confirmation_and_keeps_its_sales() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "alpha").await;
    let learner = user_id(&db, "learner@example.org").await.unwrap();
    let price = courses::CourseChanges {
        price_cents: Some(900),
        ..Default::default()
    };
    courses::update(&t, w.course, price).await.unwrap();
    let course = courses::find(&t, w.course).await.unwrap().unwrap();
    let invoice = sales::buy_course(&t, learner, &course).await.unwrap().id;
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
    let kept = payments::find_invoice(&t, invoice)
        .await
        .unwrap()
        .expect("the invoice is kept");
    assert_eq!(kept.description, "Draft Course", "under the course's name");
    let product = kept.product_id.expect("a course sale");
    assert_eq!(
        app::data::repos::plans::product_course(&t, product)
            .await
            .unwrap(),
        None,
        "the product no longer grants the deleted course"
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
