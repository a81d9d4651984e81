//! Member levels: admins define them, the studio sets what a course needs, and every learner
//! path into a course above a member's level is refused until the level is raised.

use super::*;
use app::api::admin::levels::{
    AddLevel, AdminLevels, DeleteLevel, MoveLevel, RenameLevel, SetMemberLevel,
};
use app::api::admin::policies::SavePolicies;
use app::api::auth::SignUp;
use app::api::catalog::{CourseOutline, ListCourses};
use app::api::learning::{CompleteLesson, Enroll, LessonPage};
use app::api::studio::courses::{CourseForEditing, SaveCourse};
use server_fn::ServerFn;

async fn level_list(admin: &mut Browser<'_>) -> Vec<(String, String)> {
    let page = admin.call(AdminLevels::PATH, "").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let list: Vec<serde_json::Value> = serde_json::from_str(&page.body).unwrap();
    list.iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap().to_owned(),
                l["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn id_of(levels: &[(String, String)], name: &str) -> String {
    levels.iter().find(|(n, _)| n == name).unwrap().1.clone()
}

/// Guest < Basic < Advanced, made through the admin forms.
async fn define_levels(admin: &mut Browser<'_>) -> Vec<(String, String)> {
    for name in ["Guest", "Basic", "Advanced"] {
        let page = admin.call(AddLevel::PATH, &format!("name={name}")).await;
        assert_eq!(page.status, 200, "{}", page.body);
    }
    level_list(admin).await
}

#[tokio::test]
async fn a_member_below_a_courses_level_is_refused_until_raised() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "acme").await;
    let (course, _, lessons) = create_course(
        &t,
        "deep-dive",
        "Deep Dive",
        "members",
        true,
        &["One", "Two"],
    )
    .await;
    t.commit().await.unwrap();
    let lesson = lessons[0];

    let mut owner = signed_in(&w.app, Some("owner@acme.example")).await;
    let levels = define_levels(&mut owner).await;
    let (basic, advanced) = (id_of(&levels, "Basic"), id_of(&levels, "Advanced"));
    let member = w.member;
    let page = owner
        .call(
            SetMemberLevel::PATH,
            &format!("user_id={member}&level={basic}"),
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);

    // The instructor says in the studio what the course needs.
    let mut instructor = signed_in(&w.app, Some("instructor@acme.example")).await;
    let editing: serde_json::Value = serde_json::from_str(
        &instructor
            .call(CourseForEditing::PATH, &format!("id={course}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(editing["levels"].as_array().unwrap().len(), 3);
    let form = format!(
        "id={course}&version={}&title=Deep%20Dive&slug=deep-dive&summary=&access=members&required_level={advanced}",
        editing["version"]
    );
    let page = instructor.call(SaveCourse::PATH, &form).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // A level of another tenant's (or none at all) is not one of the choices.
    let bad = format!(
        "id={course}&version={}&title=Deep%20Dive&slug=deep-dive&summary=&access=members&required_level={}",
        editing["version"].as_i64().unwrap() + 1,
        Uuid::new_v4()
    );
    assert_eq!(instructor.call(SaveCourse::PATH, &bad).await.status, 400);

    let mut learner = signed_in(&w.app, Some("member@acme.example")).await;
    let list: serde_json::Value =
        serde_json::from_str(&learner.call(ListCourses::PATH, "").await.body).unwrap();
    assert_eq!(list[0]["level"], "Advanced");
    assert_eq!(list[0]["locked"], true);
    let page = learner.get("/courses").await;
    assert!(
        page.body.contains("Locked · Advanced level"),
        "{}",
        page.body
    );
    let page = learner.get("/courses/deep-dive").await;
    assert!(
        page.body
            .contains("For members at the Advanced level or above")
    );

    let enroll = learner.call(Enroll::PATH, "slug=deep-dive").await;
    assert_eq!(enroll.status, 403, "{}", enroll.body);
    assert!(enroll.body.contains("level_required"));
    let read = format!("slug=deep-dive&lesson_id={lesson}");
    assert_eq!(learner.call(LessonPage::PATH, &read).await.status, 403);
    // Staff reach every course.
    assert_eq!(instructor.call(LessonPage::PATH, &read).await.status, 200);

    // Raised: open at once.
    let page = owner
        .submit(
            SetMemberLevel::PATH,
            &format!("user_id={member}&level={advanced}"),
            "/admin/members",
        )
        .await;
    assert_eq!(location(&page), "/acme/admin/members?done=level");
    assert_eq!(
        learner.call(Enroll::PATH, "slug=deep-dive").await.status,
        200
    );
    assert_eq!(learner.call(LessonPage::PATH, &read).await.status, 200);
    let outline: serde_json::Value = serde_json::from_str(
        &learner
            .call(CourseOutline::PATH, "slug=deep-dive")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(outline["course"]["locked"], false);

    // Lowered again: even an enrolled learner is refused the lessons and their completion.
    owner
        .call(SetMemberLevel::PATH, &format!("user_id={member}&level="))
        .await;
    assert_eq!(learner.call(LessonPage::PATH, &read).await.status, 403);
    assert_eq!(learner.call(CompleteLesson::PATH, &read).await.status, 403);

    // A level some course requires cannot be deleted.
    let page = owner
        .call(DeleteLevel::PATH, &format!("id={advanced}"))
        .await;
    assert_eq!(page.status, 409, "{}", page.body);
    assert!(page.body.contains("level_in_use"));
}

#[tokio::test]
async fn levels_are_named_ordered_and_given_to_new_members() {
    let w = world().await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let levels = define_levels(&mut admin).await;
    let names: Vec<&str> = levels.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Guest", "Basic", "Advanced"]);
    let (guest, basic) = (id_of(&levels, "Guest"), id_of(&levels, "Basic"));

    assert_eq!(admin.call(AddLevel::PATH, "name=basic").await.status, 409);
    assert_eq!(admin.call(AddLevel::PATH, "name=%20").await.status, 400);
    assert_eq!(
        admin
            .call(RenameLevel::PATH, &format!("id={guest}&name=Advanced"))
            .await
            .status,
        409
    );
    let page = admin
        .call(RenameLevel::PATH, &format!("id={guest}&name=Visitor"))
        .await;
    assert_eq!(page.status, 200);
    let page = admin
        .call(MoveLevel::PATH, &format!("id={guest}&direction=up"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let names: Vec<String> = level_list(&mut admin)
        .await
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["Basic", "Visitor", "Advanced"]);

    // New members get the default level the policies name.
    let form = format!(
        "form[signup]=open&form[idle_minutes]=60&form[max_sessions]=5&form[default_level]={basic}"
    );
    assert_eq!(admin.call(SavePolicies::PATH, &form).await.status, 200);
    let mut visitor = Browser::new(&w.app, "localhost", "/acme");
    let sign_up = format!(
        "email=joiner%40example.org&display_name=Joiner&password={}",
        enc(PASSWORD)
    );
    assert_eq!(visitor.call(SignUp::PATH, &sign_up).await.status, 200);
    let level = owner_text(
        &w.app,
        "SELECT l.name FROM memberships m JOIN users u ON u.id = m.user_id \
         JOIN member_levels l ON l.tenant_id = m.tenant_id AND l.id = m.level_id \
         WHERE u.email = 'joiner@example.org'",
    )
    .await;
    assert_eq!(level, "Basic");

    // The members list filters by level.
    let page = admin
        .call(
            app::api::admin::members::AdminMembers::PATH,
            &format!("q=&role=&level={basic}&page=1"),
        )
        .await;
    let list: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(list["total"], 1, "{list}");
    assert_eq!(list["rows"][0]["level"]["name"], "Basic");

    // Deleting a level leaves its members without one.
    assert_eq!(
        admin
            .call(DeleteLevel::PATH, &format!("id={basic}"))
            .await
            .status,
        200
    );
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE u.email = 'joiner@example.org' AND m.level_id IS NULL"
        )
        .await,
        1
    );
    // Another tenant's level is not one of this tenant's.
    let mut theirs = Browser::new(&w.app, "localhost", "/other");
    theirs.sign_in("admin@other.example", PASSWORD).await;
    assert_eq!(
        theirs
            .call(DeleteLevel::PATH, &format!("id={guest}"))
            .await
            .status,
        404
    );
}
