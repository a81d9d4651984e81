//! Every console page, server function and download is the same 404 to anyone but a signed-in
//! super admin: a visitor, a tenant's owner or member (signed in to their portal), and a super
//! admin whose flag was taken away mid-session. For the super admin each one answers, and what
//! it reads or changes is audited.

use crate::support::*;
use app::api::console::*;
use app::api::console_domains::{ConsoleAddDomain, ConsoleRemoveDomain, ConsoleVerifyDomain};
use sea_orm::ConnectionTrait;
use server_fn::ServerFn;

const ADMIN: &str = "root@atrium.example";

/// Every console server function, with arguments that work for a super admin on tenant `alpha`.
/// Failed jobs to retry and discard have these ids.
const RETRY: &str = "00000000-0000-0000-0000-0000000000a1";
const DISCARD: &str = "00000000-0000-0000-0000-0000000000a2";

fn functions() -> Vec<(&'static str, String)> {
    let list: Vec<(&'static str, &str)> = vec![
        (ConsoleTenants::PATH, ""),
        (ConsoleCheckSlug::PATH, "slug=newcomer"),
        (ConsoleTenant::PATH, "slug=alpha"),
        (ConsoleJobs::PATH, ""),
        (ConsoleAudit::PATH, "query[tenant]=alpha"),
        (ConsoleAnalytics::PATH, ""),
        (
            ConsoleUpdateTenant::PATH,
            "slug=alpha&form[name]=Alpha+Org&form[tier]=premium&form[courses]=true\
             &form[primary]=%23112233&form[secondary]=%23334455&form[accent]=%23556677\
             &form[signup]=open&form[idle_minutes]=60&form[max_sessions]=5&form[reason]=Upgrade",
        ),
        (
            ConsoleAddDomain::PATH,
            "slug=alpha&host=learn.alpha.example&reason=Their+domain",
        ),
        (
            ConsoleVerifyDomain::PATH,
            "slug=alpha&host=learn.alpha.example&reason=Check",
        ),
        (
            ConsoleRemoveDomain::PATH,
            "slug=alpha&host=learn.alpha.example&reason=Gone",
        ),
        (
            ConsoleStartSupport::PATH,
            "slug=alpha&reason=Ticket&minutes=15",
        ),
        (ConsoleSuspendTenant::PATH, "slug=alpha&reason=Unpaid"),
        (ConsoleReactivateTenant::PATH, "slug=alpha&reason=Paid"),
        (
            ConsoleScheduleDeletion::PATH,
            "slug=alpha&confirm=alpha&grace_days=7&reason=Leaving",
        ),
        (ConsoleCancelDeletion::PATH, "slug=alpha&reason=Staying"),
        (ConsoleRetryJob::PATH, "id=RETRY"),
        (ConsoleDiscardJob::PATH, "id=DISCARD"),
        (
            ConsoleCreateTenant::PATH,
            "form[name]=Newcomer&form[slug]=newcomer&form[tier]=basic&form[courses]=true\
             &form[primary]=%23112233&form[secondary]=%23334455&form[accent]=%23556677\
             &form[owner_email]=boss%40newcomer.example&form[domain]=&form[reason]=New+client",
        ),
        (ConsoleSignOut::PATH, ""),
    ];
    list.into_iter()
        .map(|(f, form)| (f, form.replace("RETRY", RETRY).replace("DISCARD", DISCARD)))
        .collect()
}

const PAGES: [&str; 7] = [
    "/console",
    "/console/tenants/new",
    "/console/tenants/alpha",
    "/console/jobs",
    "/console/audit",
    "/console/analytics",
    "/console/nonexistent",
];

async fn assert_all_404(who: &str, b: &mut Browser<'_>) {
    for page in PAGES {
        assert_eq!(b.get(page).await.status, 404, "{who}: {page}");
    }
    for (function, form) in functions() {
        let page = b.call(function, &form).await;
        assert_eq!(page.status, 404, "{who}: {function}: {}", page.body);
    }
    let (status, _, _) = b
        .download("/console/tenants/alpha/export", "reason=Curious")
        .await;
    assert_eq!(status, 404, "{who}: export");
}

#[tokio::test]
async fn only_a_signed_in_super_admin_reaches_any_part_of_the_console() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, "owner@alpha.example", "owner").await;
    create_person(&db, &t, "member@alpha.example", "member").await;
    create_person(&db, &t, ADMIN, "member").await;
    create_person(&db, &t, "former@atrium.example", "member").await;
    t.commit().await.unwrap();
    // No DNS here: verifying a domain fails plainly (and writes nothing).
    let resolver = std::sync::Arc::new(app::dns::NoResolver("no DNS in this test".into()));
    let app = TestApp::spawn_with_resolver(test_db, resolver).await;
    make_super_admin(&app, ADMIN).await;
    make_super_admin(&app, "former@atrium.example").await;
    app.db
        .owner()
        .await
        .execute_unprepared(&format!(
            "INSERT INTO jobs (id, kind, job_key, status, run_at, attempts, max_attempts, last_error) \
             VALUES ('{RETRY}', 'report.nightly', 'r1', 'failed', now(), 1, 1, 'no handler'), \
                    ('{DISCARD}', 'report.nightly', 'r2', 'failed', now(), 1, 1, 'no handler')"
        ))
        .await
        .unwrap();

    let mut anonymous = Browser::console(&app, "localhost");
    assert_all_404("anonymous", &mut anonymous).await;

    // An owner and a member, signed in to their portal, carry its cookie; the console still
    // sees nobody, and their console sign-in gives them no cookie.
    for email in ["owner@alpha.example", "member@alpha.example"] {
        let mut portal = Browser::new(&app, "localhost", "/alpha");
        portal.sign_in(email, PASSWORD).await;
        let mut b = Browser::new(&app, "localhost", "");
        b.cookie_name = "atrium_session";
        b.cookie = portal.cookie.clone();
        assert_all_404(email, &mut b).await;
        let mut console = Browser::console(&app, "localhost");
        let form = format!("email={}&password={}", enc(email), enc(PASSWORD));
        console
            .submit(ConsoleSignIn::PATH, &form, "/console/signin")
            .await;
        assert!(console.cookie.is_none(), "{email} got a console session");
        assert_all_404(email, &mut console).await;
    }

    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM platform_audit").await,
        0,
        "nothing anyone else tried reached the console"
    );

    // A super admin whose flag is taken away mid-session: the next request is a 404.
    let mut former = console_browser(&app, "localhost", "former@atrium.example").await;
    assert_eq!(former.get("/console").await.status, 200);
    let trail = owner_scalar(&app, "SELECT count(*) FROM platform_audit").await;
    app.db
        .owner()
        .await
        .execute_unprepared(
            "UPDATE users SET is_super_admin = false WHERE email = 'former@atrium.example'",
        )
        .await
        .unwrap();
    assert_all_404("a former super admin", &mut former).await;
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM platform_audit").await,
        trail,
        "nothing the former super admin tried reached the console"
    );

    // The super admin: every page and function answers, and each is in the trail.
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    for page in &PAGES[..6] {
        assert_eq!(admin.get(page).await.status, 200, "{page}");
    }
    for (function, form) in functions() {
        let before = owner_scalar(&app, "SELECT count(*) FROM platform_audit").await;
        let page = admin.call(function, &form).await;
        // Everything works; verifying a domain fails plainly here, as there is no DNS.
        let expected = if function == ConsoleVerifyDomain::PATH {
            400
        } else {
            200
        };
        assert_eq!(page.status, expected, "{function}: {}", page.body);
        let after = owner_scalar(&app, "SELECT count(*) FROM platform_audit").await;
        // The live slug check (a read as one types) and refused changes write nothing.
        let expect_entry = page.status == 200 && function != ConsoleCheckSlug::PATH;
        assert_eq!(
            after > before,
            expect_entry,
            "{function} answered {}: {}",
            page.status,
            page.body
        );
    }
    let (status, _, _) = console_browser(&app, "localhost", ADMIN)
        .await
        .download("/console/tenants/alpha/export", "reason=Backup")
        .await;
    assert_eq!(status, 200);
}
