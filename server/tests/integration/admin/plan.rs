//! Tiers: features within the plan, and quotas enforced in the server.

use super::*;
use crate::studio::files::{png, upload};
use app::api::admin::invitations::{InviteMember, RevokeInvitation};
use app::api::admin::plan::{AdminPlan, SaveFeatures};
use app::api::auth::SignUp;
use app::api::studio::courses::CreateCourse;
use server_fn::ServerFn;

#[tokio::test]
async fn the_member_quota_counts_open_invitations() {
    let w = world().await;
    let db = w.app.state.db.clone();
    // 4 people already; 95 more make 99 of the basic plan's 100.
    let t = tx(&db, "acme").await;
    for n in 0..95 {
        create_member(&db, &t, &format!("m{n}@acme.example"), "member").await;
    }
    t.commit().await.unwrap();
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let page = admin
        .call(
            InviteMember::PATH,
            "email=hundredth%40example.org&role=member",
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let page = admin
        .call(
            InviteMember::PATH,
            "email=one-too-many%40example.org&role=member",
        )
        .await;
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(page.body.contains("member_quota"));
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM invitations WHERE email = 'one-too-many@example.org'"
        )
        .await,
        0,
        "the refused invitation was rolled back"
    );
    // Signing up is refused too while the plan is full.
    let mut visitor = Browser::new(&w.app, "localhost", "/acme");
    let sign_up = format!(
        "email=late%40example.org&display_name=Late&password={}",
        enc(PASSWORD)
    );
    assert_eq!(visitor.call(SignUp::PATH, &sign_up).await.status, 403);
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM users WHERE email = 'late@example.org'"
        )
        .await,
        0
    );

    // Revoking the open invitation frees its place.
    let id = owner_text(&w.app, "SELECT id::text FROM invitations").await;
    admin
        .call(RevokeInvitation::PATH, &format!("id={id}"))
        .await;
    let page = admin
        .call(
            InviteMember::PATH,
            "email=one-too-many%40example.org&role=member",
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);

    // The usage panel says so.
    let plan: serde_json::Value =
        serde_json::from_str(&admin.call(AdminPlan::PATH, "").await.body).unwrap();
    assert_eq!(plan["quotas"][0]["used"], 100);
    assert_eq!(plan["quotas"][0]["limit"], 100);
    let page = admin.get("/admin/plan").await;
    assert!(page.body.contains("100 of 100"), "{}", page.body);
    assert!(page.body.contains("aria-valuenow=\"100\""));
}

#[tokio::test]
async fn courses_and_storage_stop_at_the_plan() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "acme").await;
    let mut first = None;
    for n in 0..20 {
        let (course, _, _) = create_course(
            &t,
            &format!("course-{n}"),
            "A course",
            "public",
            true,
            &["L"],
        )
        .await;
        first.get_or_insert(course);
    }
    t.commit().await.unwrap();
    let mut instructor = signed_in(&w.app, Some("instructor@acme.example")).await;
    let page = instructor
        .call(
            CreateCourse::PATH,
            "title=One%20more&slug=one-more&summary=&access=public",
        )
        .await;
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(page.body.contains("course_quota"));

    // Storage: the tenant's folder already holds just under its gigabyte.
    let tenant = owner_text(&w.app, "SELECT id::text FROM tenants WHERE slug = 'acme'").await;
    let folder = w.app.state.config.upload_dir.join(&tenant);
    std::fs::create_dir_all(&folder).unwrap();
    let filler = std::fs::File::create(folder.join("filler.png")).unwrap();
    filler.set_len(1_000_000_000 - 10).unwrap();
    let page = upload(&instructor, first.unwrap(), png(), "cover.png").await;
    assert_eq!(page.status, 413, "{}", page.body);
    assert!(page.body.contains("storage_quota"));
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        1,
        "nothing was saved"
    );
    std::fs::remove_file(folder.join("filler.png")).unwrap();
    let page = upload(&instructor, first.unwrap(), png(), "cover.png").await;
    assert_eq!(page.status, 200, "{}", page.body);
}

#[tokio::test]
async fn admins_switch_features_within_their_tier_and_it_shows_at_once() {
    let w = world().await;
    add_domain(
        &w.app.state.db,
        app::data::tenancy::by_slug(
            &w.app.state.db,
            &app::model::TenantSlug::parse("acme").unwrap(),
        )
        .await
        .map(|l| match l {
            app::data::Lookup::Active(t) => t.id(),
            _ => panic!("acme is active"),
        })
        .unwrap(),
        "learn.acme.example",
        true,
    )
    .await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let plan: serde_json::Value =
        serde_json::from_str(&admin.call(AdminPlan::PATH, "").await.body).unwrap();
    assert_eq!(plan["tier"], "basic");
    let community = plan["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["feature"] == "community")
        .unwrap()
        .clone();
    assert_eq!(community["available_on"], "premium");
    let page = admin.get("/admin/plan").await;
    assert!(page.body.contains("Available on Premium"));

    let page = admin
        .call(SaveFeatures::PATH, "courses=true&community=true")
        .await;
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(page.body.contains("feature_not_in_plan"));

    let mut by_path = Browser::new(&w.app, "localhost", "/acme");
    let mut by_host = Browser::new(&w.app, "learn.acme.example", "");
    assert_eq!(by_path.get("/assessments").await.status, 404);
    let page = admin
        .submit(
            SaveFeatures::PATH,
            "courses=true&assessments=true",
            "/admin/plan",
        )
        .await;
    assert_eq!(location(&page), "/acme/admin/plan?done=features");
    // Seen on the very next request, however the portal is reached.
    assert_ne!(by_path.get("/assessments").await.status, 404);
    assert_ne!(by_host.get("/assessments").await.status, 404);
    assert!(by_host.get("/").await.body.contains("/assessments"));
}
