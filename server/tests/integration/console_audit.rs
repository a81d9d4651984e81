//! The audit trail kept by the database (row changes with before and after, actor, no secrets)
//! and the console's platform-wide view of it: filters by tenant, actor, action and time, and
//! keyset pages.

use crate::support::*;
use app::api::console::{ConsoleAudit, ConsoleSuspendTenant};
use app::api::studio::courses::{CreateCourse, SaveCourse};
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

async fn world() -> TestApp {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
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
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, "owner@alpha.example", "owner").await;
    t.commit().await.unwrap();
    let t = tx(&db, "beta").await;
    create_person(&db, &t, "owner@beta.example", "owner").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;
    app
}

fn rows(body: &str) -> Vec<String> {
    body.split("data-testid=\"audit-row\"")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn row_changes_are_recorded_by_the_database_with_their_actor_and_without_secrets() {
    let app = world().await;
    let mut owner = Browser::new(&app, "localhost", "/alpha");
    owner.sign_in("owner@alpha.example", PASSWORD).await;
    let made = owner
        .call(
            CreateCourse::PATH,
            "title=Audited&slug=audited&summary=&access=public",
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let id: String = owner_text(&app, "SELECT id::text FROM courses WHERE slug = 'audited'").await;
    let saved = owner
        .call(
            SaveCourse::PATH,
            &format!("id={id}&version=1&title=Audited+well&slug=audited&summary=&access=members"),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    // One entry per change, with the row before and after and who made it.
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_user_id \
             WHERE a.action = 'row.courses.insert' AND a.row_before IS NULL \
               AND a.row_after->>'title' = 'Audited' AND u.email = 'owner@alpha.example' \
               AND a.impersonator_id IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'row.courses.update' \
               AND row_before->>'title' = 'Audited' AND row_after->>'title' = 'Audited well' \
               AND row_before->>'access_level' = 'public' AND row_after->>'access_level' = 'members'"
        )
        .await,
        1
    );

    // A console change is recorded with the super admin as its actor, in the tenant's log.
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let suspended = admin
        .submit(
            ConsoleSuspendTenant::PATH,
            "slug=alpha&reason=Audit+check",
            "/console/tenants/alpha",
        )
        .await;
    assert_eq!(suspended.status, 302);
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_user_id \
             WHERE a.action = 'row.tenants.update' AND a.row_before->>'status' = 'active' \
               AND a.row_after->>'status' = 'suspended' AND u.email = 'root@atrium.example'"
        )
        .await,
        1
    );
    // No secret reaches the log: invitations and domains were written, their tokens were not.
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE row_after ?| \
             ARRAY['token_hash', 'verification_token', 'entry_token_hash', 'password_hash'] \
             OR row_before ?| ARRAY['token_hash', 'verification_token', 'entry_token_hash', 'password_hash']"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_console_shows_the_platform_wide_trail_filtered_and_paged() {
    let app = world().await;
    for (slug, email) in [
        ("alpha", "owner@alpha.example"),
        ("beta", "owner@beta.example"),
    ] {
        let mut owner = Browser::new(&app, "localhost", &format!("/{slug}"));
        owner.sign_in(email, PASSWORD).await;
        let made = owner
            .call(
                CreateCourse::PATH,
                &format!("title=Course+of+{slug}&slug=c-{slug}&summary=&access=public"),
            )
            .await;
        assert_eq!(made.status, 200);
    }
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    // Sixty views of alpha's page: sixty console entries about alpha.
    for _ in 0..60 {
        assert_eq!(admin.get("/console/tenants/alpha").await.status, 200);
    }

    let all = admin.get("/console/audit").await;
    assert_eq!(all.status, 200);
    let entries_then = owner_scalar(&app, "SELECT count(*) FROM platform_audit").await
        + owner_scalar(&app, "SELECT count(*) FROM audit_log").await;
    let first = rows(&all.body);
    assert_eq!(first.len(), 50, "a page holds fifty entries");
    assert!(all.body.contains("Older entries"));

    // By tenant: only beta's entries.
    let beta = admin.get("/console/audit?tenant=beta").await;
    let beta_rows = rows(&beta.body);
    assert!(!beta_rows.is_empty());
    for row in &beta_rows {
        assert!(row.contains(">beta<"), "{row}");
        assert!(!row.contains(">alpha<"), "{row}");
    }
    assert!(beta.body.contains("row.courses.insert"));
    // By actor and action.
    let by_owner = admin
        .get("/console/audit?actor=owner%40alpha.example&action=row.courses")
        .await;
    let owner_rows = rows(&by_owner.body);
    assert_eq!(owner_rows.len(), 1, "{}", by_owner.body);
    assert!(owner_rows[0].contains("owner@alpha.example"));
    assert!(owner_rows[0].contains("row.courses.insert"));
    // By time: nothing before today.
    let old = admin.get("/console/audit?to=2020-01-01").await;
    assert!(old.body.contains("No entries match."));
    // Filters that name nothing say so.
    let unknown = admin.get("/console/audit?tenant=nobody").await;
    assert!(unknown.body.contains("No tenant is called"));
    let bad_date = admin.get("/console/audit?from=yesterday").await;
    assert!(bad_date.body.contains("YYYY-MM-DD"));

    // Pages follow each other without overlap or gaps.
    let mut seen = first.clone();
    let mut next = all.body.clone();
    let mut pages = 1;
    while let Some(href) = next
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .filter(|_| next.contains("rel=\"next\""))
        .map(|h| h.split('"').next().unwrap().replace("&amp;", "&"))
    {
        let page = admin.get(&href).await;
        assert_eq!(page.status, 200, "{href}");
        seen.extend(rows(&page.body));
        next = page.body;
        pages += 1;
        assert!(pages < 10, "pagination must end");
    }
    // Every entry that existed when the first page was read, once each (views of the trail made
    // since are newer than the first page, so the walk does not reach them).
    assert_eq!(seen.len() as i64, entries_then);
    assert!(pages >= 2);

    // The trail is the console's: 404 for anyone else.
    let mut anonymous = Browser::console(&app, "localhost");
    assert_eq!(anonymous.get("/console/audit").await.status, 404);
    assert_eq!(anonymous.call(ConsoleAudit::PATH, "").await.status, 404);
}
