//! Inviting people: the link, its mail, and every way of using it (or not).

use super::*;
use app::api::admin::invitations::{
    AdminInvitations, InviteMember, RenewInvitation, RevokeInvitation,
};
use app::api::auth::{CurrentViewer, SignUp};
use app::api::invitations::AcceptInvitation;
use app::jobs::{Outcome, SystemClock, Worker};
use app::mail::{Delivery, Mail, MailError, Mailer};
use sea_orm::ConnectionTrait;
use server_fn::ServerFn;
use std::sync::{Arc, Mutex};

/// A mail server that keeps what it is given.
#[derive(Default)]
struct Inbox(Mutex<Vec<Mail>>);

#[async_trait::async_trait]
impl Mailer for Inbox {
    async fn send(&self, mail: &Mail) -> Result<Delivery, MailError> {
        self.0.lock().unwrap().push(mail.clone());
        Ok(Delivery::Sent)
    }

    fn delivers(&self) -> bool {
        true
    }
}

/// A mail server that is never there.
struct Down;

#[async_trait::async_trait]
impl Mailer for Down {
    async fn send(&self, _: &Mail) -> Result<Delivery, MailError> {
        Err(MailError::Transient("connection refused".into()))
    }

    fn delivers(&self) -> bool {
        true
    }
}

fn worker(app: &TestApp, mailer: Arc<dyn Mailer>) -> Worker {
    Worker::new(
        app.state.db.clone(),
        Arc::new(SystemClock),
        app.state.config.upload_dir.clone(),
    )
    .with_mailer(mailer)
}

/// Invites `email` as `role` through the form, as an admin without JavaScript does, and reads
/// the link the next page shows once.
async fn invite(admin: &mut Browser<'_>, email: &str, role: &str) -> String {
    let page = admin
        .submit(
            InviteMember::PATH,
            &format!("email={}&role={role}", enc(email)),
            "/admin/invitations",
        )
        .await;
    assert_eq!(page.status, 302, "{}", page.body);
    assert_eq!(location(&page), "/acme/admin/invitations");
    let page = admin.get("/admin/invitations").await;
    assert_eq!(page.status, 200);
    let start = page
        .body
        .find("http://localhost")
        .expect("the new link is shown");
    let link: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    assert!(page.body.contains("Copy invitation link"));
    // Shown once only.
    let again = admin.get("/admin/invitations").await;
    assert!(!again.body.contains(&link));
    link
}

fn token_of(link: &str) -> String {
    link.split("token=").nth(1).expect("token").to_owned()
}

async fn accept<'a>(
    app: &'a TestApp,
    token: &str,
    name: &str,
    password: &str,
) -> (Browser<'a>, Page) {
    let mut b = Browser::new(app, "localhost", "/acme");
    let form = format!(
        "token={token}&display_name={}&password={}",
        enc(name),
        enc(password)
    );
    let page = b.call(AcceptInvitation::PATH, &form).await;
    (b, page)
}

async fn viewer_role(b: &mut Browser<'_>) -> serde_json::Value {
    let page = b.call(CurrentViewer::PATH, "").await;
    let v: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    v["role"].clone()
}

#[tokio::test]
async fn a_new_person_accepts_and_is_signed_in_with_the_role() {
    let w = world_with(serde_json::json!({ "signup": "invite" })).await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let link = invite(&mut admin, "New.Person@example.org", "instructor").await;
    assert!(link.starts_with("http://localhost"), "{link}");
    assert!(link.contains("/acme/invitation?token="), "{link}");

    // Invite-only: signing up without the invitation is refused.
    let mut b = Browser::new(&w.app, "localhost", "/acme");
    let form = format!(
        "email=new.person%40example.org&display_name=New&password={}",
        enc(PASSWORD)
    );
    let page = b.call(SignUp::PATH, &form).await;
    assert_eq!(page.status, 403, "{}", page.body);

    // The page shows who it is for, and asks for a name and a new password.
    let shown = b
        .get(&format!("/invitation?token={}", token_of(&link)))
        .await;
    assert!(shown.body.contains("New.Person@example.org"));
    assert!(shown.body.contains("Choose a password"));

    let (mut person, page) = accept(&w.app, &token_of(&link), "New Person", PASSWORD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(viewer_role(&mut person).await, "instructor");
    // The link is used up.
    let (_, again) = accept(&w.app, &token_of(&link), "Someone", PASSWORD).await;
    assert_eq!(again.status, 401);
    // And they can sign in again later with that password.
    let mut later = Browser::new(&w.app, "localhost", "/acme");
    later.sign_in("new.person@example.org", PASSWORD).await;

    let list = admin.call(AdminInvitations::PATH, "").await;
    let list: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    assert_eq!(list["rows"][0]["state"], "accepted");
    assert_eq!(list["mail_delivers"], false);
}

#[tokio::test]
async fn someone_with_an_account_joins_with_their_password() {
    let w = world().await;
    let mut owner = signed_in(&w.app, Some("owner@acme.example")).await;
    // Another tenant's member, invited here as an admin.
    let link = invite(&mut owner, "stranger@other.example", "admin").await;
    let token = token_of(&link);
    let mut b = Browser::new(&w.app, "localhost", "/acme");
    let shown = b.get(&format!("/invitation?token={token}")).await;
    assert!(
        shown.body.contains("already has an Atrium account"),
        "{}",
        shown.body
    );

    let (_, wrong) = accept(&w.app, &token, "", "not the password at all").await;
    assert_eq!(wrong.status, 401, "{}", wrong.body);
    let (mut person, page) = accept(&w.app, &token, "", PASSWORD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(viewer_role(&mut person).await, "admin");
    assert_eq!(
        owner_text(
            &w.app,
            &format!(
                "SELECT role FROM memberships m JOIN tenants t ON t.id = m.tenant_id \
                 WHERE t.slug = 'acme' AND m.user_id = '{}'",
                w.stranger
            )
        )
        .await,
        "admin"
    );
}

#[tokio::test]
async fn expired_revoked_and_foreign_links_do_not_work() {
    let w = world().await;
    let mut owner = signed_in(&w.app, Some("owner@acme.example")).await;
    let expired = token_of(&invite(&mut owner, "late@example.org", "member").await);
    let revoked_link = invite(&mut owner, "revoked@example.org", "member").await;
    w.app
        .db
        .owner()
        .await
        .execute_unprepared(
            "UPDATE invitations SET expires_at = now() - interval '1 minute' \
             WHERE email = 'late@example.org'",
        )
        .await
        .unwrap();
    let id = owner_text(
        &w.app,
        "SELECT id::text FROM invitations WHERE email = 'revoked@example.org'",
    )
    .await;
    let page = owner
        .call(RevokeInvitation::PATH, &format!("id={id}"))
        .await;
    assert_eq!(page.status, 200, "{}", page.body);

    for token in [expired.clone(), token_of(&revoked_link)] {
        let (_, page) = accept(&w.app, &token, "Late Person", PASSWORD).await;
        assert_eq!(page.status, 401, "{}", page.body);
        assert!(page.body.contains("invitation_invalid"), "{}", page.body);
    }
    // A link of this tenant's, used at another tenant.
    let fresh = token_of(&invite(&mut owner, "elsewhere@example.org", "member").await);
    let mut b = Browser::new(&w.app, "localhost", "/other");
    let form = format!("token={fresh}&display_name=E&password={}", enc(PASSWORD));
    let page = b.call(AcceptInvitation::PATH, &form).await;
    assert_eq!(page.status, 401, "{}", page.body);
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM users WHERE email = 'elsewhere@example.org'"
        )
        .await,
        0
    );

    // An expired invitation gives way to a new one for the same address; an open one does not.
    let again = invite(&mut owner, "late@example.org", "member").await;
    let (_, page) = accept(&w.app, &token_of(&again), "Late Person", PASSWORD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let page = owner
        .call(
            InviteMember::PATH,
            "email=ELSEWHERE%40example.org&role=member",
        )
        .await;
    assert_eq!(page.status, 409, "{}", page.body);
    let page = owner
        .call(
            InviteMember::PATH,
            "email=member%40acme.example&role=member",
        )
        .await;
    assert_eq!(page.status, 409, "{}", page.body);
    assert!(page.body.contains("already_member"), "{}", page.body);
}

#[tokio::test]
async fn a_renewed_link_replaces_the_old_one() {
    let w = world().await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let old = token_of(&invite(&mut admin, "renew@example.org", "member").await);
    let id = owner_text(&w.app, "SELECT id::text FROM invitations").await;
    let page = admin
        .submit(
            RenewInvitation::PATH,
            &format!("id={id}"),
            "/admin/invitations",
        )
        .await;
    assert_eq!(page.status, 302);
    let shown = admin.get("/admin/invitations").await;
    let start = shown.body.find("token=").expect("new link shown") + "token=".len();
    let new: String = shown.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    assert_ne!(new, old);
    let (_, page) = accept(&w.app, &old, "R", PASSWORD).await;
    assert_eq!(page.status, 401);
    let (_, page) = accept(&w.app, &new, "Renewed Person", PASSWORD).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // Admins may not invite owners.
    let page = admin
        .call(InviteMember::PATH, "email=boss%40example.org&role=owner")
        .await;
    assert_eq!(page.status, 403);
}

#[tokio::test]
async fn invitation_mail_goes_out_through_the_outbox() {
    let w = world().await;
    let mut admin = signed_in(&w.app, Some("admin@acme.example")).await;
    let link = invite(&mut admin, "mailed@example.org", "member").await;
    assert_eq!(
        owner_text(&w.app, "SELECT status FROM outbox").await,
        "queued"
    );
    // The mail server is down: the job tries again later and the message waits.
    let outcomes = worker(&w.app, Arc::new(Down)).run_due(10).await.unwrap();
    assert!(
        matches!(outcomes.as_slice(), [Outcome::Retrying { .. }]),
        "{outcomes:?}"
    );
    assert_eq!(
        owner_text(&w.app, "SELECT status FROM outbox").await,
        "queued"
    );

    w.app
        .db
        .owner()
        .await
        .execute_unprepared("UPDATE jobs SET run_at = now()")
        .await
        .unwrap();
    let inbox = Arc::new(Inbox::default());
    let outcomes = worker(&w.app, inbox.clone()).run_due(10).await.unwrap();
    assert!(
        matches!(outcomes.as_slice(), [Outcome::Done { .. }]),
        "{outcomes:?}"
    );
    let sent = inbox.0.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "mailed@example.org");
    assert_eq!(sent[0].subject, "You're invited to join Acme Learning");
    assert!(sent[0].body.contains(&link), "{}", sent[0].body);
    // Handed over: the stored copy of the link is gone.
    assert_eq!(
        owner_text(&w.app, "SELECT status || ':' || body FROM outbox").await,
        "sent:"
    );
    let list: serde_json::Value =
        serde_json::from_str(&admin.call(AdminInvitations::PATH, "").await.body).unwrap();
    assert_eq!(list["rows"][0]["mail"], "sent");

    // Without a mail server the message is only logged, and said so.
    invite(&mut admin, "logged@example.org", "member").await;
    worker(&w.app, Arc::new(app::mail::LogMailer))
        .run_due(10)
        .await
        .unwrap();
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM outbox WHERE status = 'logged' AND body = ''"
        )
        .await,
        1
    );
    let page = admin.get("/admin/invitations").await;
    assert!(
        page.body.contains("Not emailed: share the link"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_tenant_may_queue_only_its_own_mail_jobs() {
    use sea_orm::TransactionTrait;
    let w = world().await;
    let app_conn = w.app.db.raw_app(1).await;
    let acme = owner_text(&w.app, "SELECT id::text FROM tenants WHERE slug = 'acme'").await;
    let other = owner_text(&w.app, "SELECT id::text FROM tenants WHERE slug = 'other'").await;
    for (kind, tenant, allowed) in [
        ("mail.send", acme.as_str(), true),
        ("tenant.delete", acme.as_str(), false),
        ("mail.send", other.as_str(), false),
    ] {
        let txn = app_conn.begin().await.unwrap();
        txn.execute_unprepared(&format!(
            "SELECT set_config('app.tenant_id', '{acme}', true)"
        ))
        .await
        .unwrap();
        let result = txn
            .execute_unprepared(&format!(
                "INSERT INTO jobs (kind, job_key, tenant_id, run_at) \
                 VALUES ('{kind}', 'k-{kind}-{tenant}', '{tenant}', now())"
            ))
            .await;
        assert_eq!(result.is_ok(), allowed, "{kind} for {tenant}: {result:?}");
        txn.rollback().await.unwrap();
    }
}
