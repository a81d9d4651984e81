//! Every admin server function and page: refused or allowed by role; another tenant's ids are
//! as missing as unknown ones.

use super::*;
use app::api::admin::analytics::AdminAnalytics;
use app::api::admin::audit::AdminAudit;
use app::api::admin::branding::{AdminBranding, RemoveBrandImage, SaveBranding};
use app::api::admin::invitations::{
    AdminInvitations, InviteMember, RenewInvitation, RevokeInvitation,
};
use app::api::admin::levels::{AddLevel, AdminLevels, DeleteLevel, SetMemberLevel};
use app::api::admin::members::{AdminMembers, ChangeMemberRole, RemoveMember};
use app::api::admin::plan::{AdminPlan, SaveFeatures};
use app::api::admin::policies::{AdminPolicies, SavePolicies};
use server_fn::ServerFn;

#[tokio::test]
async fn only_owners_and_admins_reach_the_admin_area() {
    let w = world().await;
    let admins = [401, 403, 403, 403, 200, 200];
    let member = w.member;
    let table: Vec<(&str, String, [u16; 6])> = vec![
        (AdminMembers::PATH, "q=&role=&page=1".into(), admins),
        (AdminInvitations::PATH, String::new(), admins),
        (AdminPolicies::PATH, String::new(), admins),
        (AdminLevels::PATH, String::new(), admins),
        (AdminPlan::PATH, String::new(), admins),
        (AdminAudit::PATH, "actor=&action=".into(), admins),
        (AdminBranding::PATH, String::new(), admins),
        (AdminAnalytics::PATH, String::new(), admins),
        (
            SaveBranding::PATH,
            "form[name]=Acme%20Learning&form[tagline]=&form[primary]=%231D4A38&form[secondary]=%23475569&form[accent]=%23B2613E".into(),
            admins,
        ),
        (RemoveBrandImage::PATH, "kind=favicon".into(), admins),
        (
            SetMemberLevel::PATH,
            format!("user_id={member}&level="),
            admins,
        ),
        (SaveFeatures::PATH, "courses=true".into(), admins),
        (
            AddLevel::PATH,
            "name=Gold".into(),
            [401, 403, 403, 403, 0, 0],
        ),
        (
            DeleteLevel::PATH,
            format!("id={}", Uuid::new_v4()),
            [401, 403, 403, 403, 404, 404],
        ),
        (
            ChangeMemberRole::PATH,
            format!("user_id={member}&role=member"),
            admins,
        ),
        (
            SavePolicies::PATH,
            "form[signup]=open&form[idle_minutes]=10080&form[max_sessions]=5".into(),
            admins,
        ),
        // Changes with lasting effects: refused here, exercised in the other tests.
        (
            InviteMember::PATH,
            "email=new%40acme.example&role=member".into(),
            [401, 403, 403, 403, 0, 0],
        ),
        (
            RemoveMember::PATH,
            format!("user_id={member}"),
            [401, 403, 403, 403, 0, 0],
        ),
        (
            RenewInvitation::PATH,
            format!("id={}", Uuid::new_v4()),
            [401, 403, 403, 403, 404, 404],
        ),
        (
            RevokeInvitation::PATH,
            format!("id={}", Uuid::new_v4()),
            [401, 403, 403, 403, 404, 404],
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
    for path in [
        "/admin",
        "/admin/members",
        "/admin/invitations",
        "/admin/policies",
    ] {
        for (i, who) in PEOPLE.iter().enumerate() {
            let page = browsers[i].get(path).await;
            assert_eq!(page.status, admins[i], "{path} as {who:?}");
            if admins[i] == 403 {
                assert!(
                    page.body
                        .contains("for this organisation's owners and admins")
                );
            }
        }
    }
    // Nothing was invited, added or removed by anyone refused.
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM member_levels").await,
        0
    );
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM invitations").await,
        0
    );
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM memberships").await,
        6
    );
}

#[tokio::test]
async fn the_account_menu_offers_admin_to_admins_only() {
    let w = world().await;
    for (who, shown) in [
        ("owner@acme.example", true),
        ("admin@acme.example", true),
        ("instructor@acme.example", false),
        ("member@acme.example", false),
    ] {
        let mut b = signed_in(&w.app, Some(who)).await;
        let page = b.get("/courses").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.body.contains("href=\"/acme/admin\""), shown, "{who}");
    }
}

#[tokio::test]
async fn another_tenants_people_and_invitations_are_not_found() {
    let w = world().await;
    // An invitation of `other`'s.
    let mut theirs = Browser::new(&w.app, "localhost", "/other");
    theirs.sign_in("admin@other.example", PASSWORD).await;
    let page = theirs
        .call(InviteMember::PATH, "email=x%40other.example&role=member")
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let invitation = owner_text(&w.app, "SELECT id::text FROM invitations").await;

    let mut owner = signed_in(&w.app, Some("owner@acme.example")).await;
    let stranger = w.stranger;
    for (path, form) in [
        (
            ChangeMemberRole::PATH,
            format!("user_id={stranger}&role=admin"),
        ),
        (RemoveMember::PATH, format!("user_id={stranger}")),
        (RevokeInvitation::PATH, format!("id={invitation}")),
        (RenewInvitation::PATH, format!("id={invitation}")),
        (
            ChangeMemberRole::PATH,
            "user_id=not-a-uuid&role=admin".into(),
        ),
    ] {
        let page = owner.call(path, &form).await;
        assert_eq!(page.status, 404, "{path} {form}: {}", page.body);
    }
    assert_eq!(
        owner_text(
            &w.app,
            &format!("SELECT role FROM memberships WHERE user_id = '{stranger}'")
        )
        .await,
        "member"
    );
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM invitations WHERE revoked_at IS NULL"
        )
        .await,
        1
    );
    // And the lists show only this tenant's.
    let list = owner.call(AdminMembers::PATH, "q=&role=&page=1").await;
    assert!(list.body.contains("member@acme.example"));
    assert!(!list.body.contains("other.example"), "{}", list.body);
    let list = owner.call(AdminInvitations::PATH, "").await;
    assert!(!list.body.contains("x@other.example"), "{}", list.body);
}
