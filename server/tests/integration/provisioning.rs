//! Provisioning a tenant from the console: one transaction makes the tenant, its first owner's
//! membership (and invitation) and its domain, or nothing at all; the new portal answers at once
//! with its colours, and its owner gets in through the invitation link.

use crate::support::*;
use app::api::console::ConsoleCreateTenant;
use app::api::invitations::AcceptInvitation;
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

async fn world() -> TestApp {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    let alpha = create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    add_domain(&db, alpha, "taken.example", true).await;
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, "member@alpha.example", "member").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let app = TestApp::spawn(test_db).await;
    make_super_admin(&app, ADMIN).await;
    app
}

/// The "New tenant" form as a browser sends it.
fn tenant_form(slug: &str, owner: &str, primary: &str, domain: &str) -> String {
    [
        ("name", format!("{slug} Learning")),
        ("slug", slug.to_owned()),
        ("tier", "premium".to_owned()),
        ("courses", "true".to_owned()),
        ("community", "true".to_owned()),
        ("primary", primary.to_owned()),
        ("secondary", "#475569".to_owned()),
        ("accent", "#B2613E".to_owned()),
        ("owner_email", owner.to_owned()),
        ("domain", domain.to_owned()),
        ("reason", "Signed contract 42".to_owned()),
    ]
    .iter()
    .map(|(k, v)| format!("{}={}", enc(&format!("form[{k}]")), enc(v)))
    .collect::<Vec<_>>()
    .join("&")
}

#[tokio::test]
async fn a_new_tenant_answers_at_once_and_its_new_owner_gets_in_by_invitation() {
    let app = world().await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let form = tenant_form("acme", "boss@acme.example", "#7C2D12", "learn.acme.example");
    let created = admin
        .submit(ConsoleCreateTenant::PATH, &form, "/console/tenants/new")
        .await;
    assert_eq!(created.status, 302, "{}", created.body);
    assert_eq!(location(&created), "/console/tenants/acme");

    // The invitation link is shown once, on the tenant's page.
    let page = admin.get("/console/tenants/acme").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let link = page
        .body
        .split(r#"data-testid="invitation-link""#)
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split('<').next())
        .unwrap_or_else(|| panic!("an invitation link: {}", page.body))
        .replace("&amp;", "&");
    assert!(link.starts_with("/acme/invitation?token="), "{link}");
    let again = admin.get("/console/tenants/acme").await;
    assert!(!again.body.contains("invitation-link"), "shown only once");

    // The portal answers by path and by subdomain, in its colours; the domain waits for DNS.
    for (host, path) in [
        ("localhost", "/acme/courses"),
        ("acme.localhost", "/courses"),
    ] {
        let portal = app.get(host, path).await;
        assert_eq!(portal.status, 200, "{host}{path}");
        assert!(
            portal.body.contains("--brand-primary:#7C2D12"),
            "{host}{path}"
        );
    }
    assert_eq!(app.get("learn.acme.example", "/").await.status, 404);
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM tenant_domains WHERE host = 'learn.acme.example' AND verified_at IS NULL").await,
        1
    );
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM platform_audit a JOIN tenants t ON t.id = a.tenant_id \
             WHERE t.slug = 'acme' AND a.action = 'console.tenant.created' \
             AND a.reason = 'Signed contract 42'"
        )
        .await,
        1
    );

    // The owner follows the link, chooses a password and is signed in as the owner.
    let mut owner = Browser::new(&app, "localhost", "/acme");
    let (path, query) = link.trim_start_matches("/acme").split_once('?').unwrap();
    let invitation = owner.get(&format!("{path}?{query}")).await;
    assert_eq!(invitation.status, 200, "{}", invitation.body);
    assert!(invitation.body.contains("boss@acme.example"));
    let token = query.trim_start_matches("token=");
    let accept = format!(
        "token={token}&display_name={}&password={}",
        enc("Boss Person"),
        enc(PASSWORD)
    );
    let joined = owner
        .submit(AcceptInvitation::PATH, &accept, "/invitation")
        .await;
    assert_eq!(joined.status, 302, "{}", joined.body);
    assert_eq!(location(&joined), "/acme");
    let studio = owner.get("/studio").await;
    assert_eq!(
        studio.status, 200,
        "the owner may use the studio: {}",
        studio.body
    );
    assert!(studio.body.contains("Boss Person"));

    // The link is used up; the password works for signing in.
    let reused = Browser::new(&app, "localhost", "/acme")
        .submit(AcceptInvitation::PATH, &accept, "/invitation")
        .await;
    assert_eq!(reused.status, 302);
    assert!(
        location(&reused).contains("error=invitation_invalid"),
        "{}",
        location(&reused)
    );
    Browser::new(&app, "acme.localhost", "")
        .sign_in("boss@acme.example", PASSWORD)
        .await;
}

#[tokio::test]
async fn an_existing_identity_joins_a_new_tenant_as_its_owner() {
    let app = world().await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let form = tenant_form("beta", "member@alpha.example", "#1E3A8A", "");
    let created = admin
        .submit(ConsoleCreateTenant::PATH, &form, "/console/tenants/new")
        .await;
    assert_eq!(created.status, 302, "{}", created.body);
    let page = admin.get("/console/tenants/beta").await;
    assert!(
        page.body.contains("already had an Atrium account"),
        "{}",
        page.body
    );
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM invitations").await,
        0
    );
    let mut owner = Browser::new(&app, "localhost", "/beta");
    owner.sign_in("member@alpha.example", PASSWORD).await;
    assert_eq!(owner.get("/studio").await.status, 200);
}

/// Rows provisioning would add, table by table.
async fn left_behind(app: &TestApp) -> [i64; 6] {
    [
        owner_scalar(app, "SELECT count(*) FROM tenants").await,
        owner_scalar(app, "SELECT count(*) FROM users").await,
        owner_scalar(app, "SELECT count(*) FROM memberships").await,
        owner_scalar(app, "SELECT count(*) FROM invitations").await,
        owner_scalar(app, "SELECT count(*) FROM tenant_counters").await,
        owner_scalar(
            app,
            "SELECT count(*) FROM platform_audit WHERE action = 'console.tenant.created'",
        )
        .await,
    ]
}

#[tokio::test]
async fn a_failed_last_step_or_a_bad_form_leaves_nothing_behind() {
    let app = world().await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let counts = left_behind(&app).await;
    // The domain, added last, belongs to alpha: the tenant, its owner and the invitation made
    // before it must all go.
    for (form, code) in [
        (
            tenant_form("gamma", "new@gamma.example", "#1E3A8A", "taken.example"),
            "domain_taken",
        ),
        (
            tenant_form("alpha", "new@gamma.example", "#1E3A8A", ""),
            "slug_taken",
        ),
        (
            tenant_form("console", "new@gamma.example", "#1E3A8A", ""),
            "slug_reserved",
        ),
        (
            tenant_form("gamma", "new@gamma.example", "#FDE047", ""),
            "colour_unreadable",
        ),
        (
            tenant_form("gamma", "not-an-email", "#1E3A8A", ""),
            "email_invalid",
        ),
    ] {
        let refused = admin
            .submit(ConsoleCreateTenant::PATH, &form, "/console/tenants/new")
            .await;
        assert_eq!(refused.status, 302, "{code}: {}", refused.body);
        let back = location(&refused);
        assert!(back.starts_with("/console/tenants/new?error="), "{back}");
        assert!(back.contains(&format!("error={code}")), "{code}: {back}");
        assert_eq!(
            left_behind(&app).await,
            counts,
            "{code}: something was left behind"
        );
    }
    let page = admin
        .get("/console/tenants/new?error=domain_taken&slug=gamma")
        .await;
    assert!(page.body.contains("That domain is already in use."));
    assert!(
        page.body.contains(r#"value="gamma""#),
        "what was typed comes back"
    );

    // Nobody else can provision.
    let anonymous = app
        .call(
            "localhost",
            "",
            ConsoleCreateTenant::PATH,
            &tenant_form("delta", "x@delta.example", "#1E3A8A", ""),
        )
        .await;
    assert_eq!(anonymous.status, 404);
}
