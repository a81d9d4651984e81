//! The portal's admin area: who may use it, members and roles, invitations and their mail,
//! policies.

mod access;
mod analytics;
mod audit;
mod branding;
mod invitations;
mod levels;
mod members;
mod plan;
mod policies;

use crate::support::*;
use uuid::Uuid;

/// Two tenants; in `acme`, one person of each role, and `other`'s admin.
struct World {
    app: TestApp,
    owner: Uuid,
    admin: Uuid,
    member: Uuid,
    /// A member of `other`, not of `acme`.
    stranger: Uuid,
}

async fn world() -> World {
    world_with(serde_json::json!({})).await
}

async fn world_with(settings: serde_json::Value) -> World {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    create_tenant(
        &db,
        TenantSpec::new("acme", "Acme Learning", "#1D4A38").settings(settings),
    )
    .await;
    create_tenant(&db, TenantSpec::new("other", "Other Org", "#445566")).await;
    let o = tx(&db, "other").await;
    create_person(&db, &o, "admin@other.example", "admin").await;
    let stranger = create_person(&db, &o, "stranger@other.example", "member").await;
    o.commit().await.unwrap();
    let t = tx(&db, "acme").await;
    let owner = create_person(&db, &t, "owner@acme.example", "owner").await;
    let admin = create_person(&db, &t, "admin@acme.example", "admin").await;
    create_person(&db, &t, "instructor@acme.example", "instructor").await;
    let member = create_person(&db, &t, "member@acme.example", "member").await;
    t.commit().await.unwrap();
    World {
        app,
        owner,
        admin,
        member,
        stranger,
    }
}

/// Visitor, member, instructor, another tenant's admin, admin, owner.
const PEOPLE: [Option<&str>; 6] = [
    None,
    Some("member@acme.example"),
    Some("instructor@acme.example"),
    Some("admin@other.example"),
    Some("admin@acme.example"),
    Some("owner@acme.example"),
];

async fn signed_in<'a>(app: &'a TestApp, email: Option<&str>) -> Browser<'a> {
    let mut b = Browser::new(app, "localhost", "/acme");
    if let Some(email) = email {
        b.sign_in(email, PASSWORD).await;
    }
    b
}
