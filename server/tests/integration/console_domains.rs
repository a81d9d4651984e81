//! Custom domains from the console, verified through a fake DNS resolver: a missing record and a
//! wrong token leave the domain unrouted, the right token makes it answer, and a domain another
//! tenant holds is refused without saying which.

use crate::support::*;
use app::api::console_domains::{ConsoleAddDomain, ConsoleRemoveDomain, ConsoleVerifyDomain};
use app::dns::TxtResolver;
use server_fn::ServerFn;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const ADMIN: &str = "root@atrium.example";

/// TXT records the test sets, by name; a name listed as failing makes the lookup fail.
#[derive(Default)]
struct FakeDns {
    records: Mutex<HashMap<String, Vec<String>>>,
    failing: Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl TxtResolver for FakeDns {
    async fn txt(&self, name: &str) -> Result<Vec<String>, String> {
        if self.failing.lock().unwrap().iter().any(|n| n == name) {
            return Err("timed out".into());
        }
        Ok(self
            .records
            .lock()
            .unwrap()
            .get(name)
            .cloned()
            .unwrap_or_default())
    }
}

async fn verify(admin: &mut Browser<'_>, page: &str) -> Page {
    admin
        .submit(
            ConsoleVerifyDomain::PATH,
            "slug=alpha&host=learn.alpha.example",
            page,
        )
        .await
}

#[tokio::test]
async fn a_domain_routes_only_once_its_dns_challenge_is_found() {
    let test_db = TestDb::new().await;
    let db = test_db.app_db().await;
    create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    let beta = create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    add_domain(&db, beta, "learn.beta.example", true).await;
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, ADMIN, "member").await;
    t.commit().await.unwrap();
    let dns = Arc::new(FakeDns::default());
    let app = TestApp::spawn_with_resolver(test_db, dns.clone()).await;
    make_super_admin(&app, ADMIN).await;
    let mut admin = console_browser(&app, "localhost", ADMIN).await;
    let page = "/console/tenants/alpha";

    // Another tenant's domain: refused, naming nobody.
    let taken = admin
        .submit(
            ConsoleAddDomain::PATH,
            "slug=alpha&host=learn.beta.example&reason=Moving",
            page,
        )
        .await;
    assert!(
        location(&taken).contains("error=domain_taken"),
        "{}",
        location(&taken)
    );
    let shown = admin.get(&format!("{page}?error=domain_taken")).await;
    assert!(shown.body.contains("That domain is already in use."));
    assert!(!shown.body.contains("Beta Org"));

    let added = admin
        .submit(
            ConsoleAddDomain::PATH,
            "slug=alpha&host=Learn.Alpha.Example&reason=Their+launch",
            page,
        )
        .await;
    assert_eq!(location(&added), page, "{}", added.body);
    let tenant_page = admin.get(page).await;
    assert!(
        tenant_page
            .body
            .contains("_atrium-challenge.learn.alpha.example")
    );
    let token = tenant_page
        .body
        .split(r#"data-testid="domain-token""#)
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split('<').next())
        .expect("the challenge token")
        .to_owned();
    assert!(token.len() >= 16);
    assert_eq!(app.get("learn.alpha.example", "/").await.status, 404);

    // No record yet.
    let missing = verify(&mut admin, page).await;
    assert!(location(&missing).contains("error=domain_unverified"));
    // A record with the wrong token.
    dns.records.lock().unwrap().insert(
        "_atrium-challenge.learn.alpha.example".into(),
        vec!["someone-elses-token-123456".into()],
    );
    let wrong = verify(&mut admin, page).await;
    assert!(location(&wrong).contains("error=domain_unverified"));
    // The resolver failing says so.
    dns.failing
        .lock()
        .unwrap()
        .push("_atrium-challenge.learn.alpha.example".into());
    let failed = verify(&mut admin, page).await;
    assert!(location(&failed).contains("error=dns_lookup_failed"));
    dns.failing.lock().unwrap().clear();
    assert_eq!(app.get("learn.alpha.example", "/").await.status, 404);

    // The right token, among other records.
    dns.records.lock().unwrap().insert(
        "_atrium-challenge.learn.alpha.example".into(),
        vec!["v=spf1 -all".into(), token.clone()],
    );
    let verified = verify(&mut admin, page).await;
    assert_eq!(location(&verified), page, "{}", verified.body);
    let portal = app.get("learn.alpha.example", "/").await;
    assert_eq!(portal.status, 200);
    assert!(portal.body.contains("Alpha Org"));
    assert!(admin.get(page).await.body.contains("Verified"));

    // Removed, it stops answering at once.
    let removed = admin
        .submit(
            ConsoleRemoveDomain::PATH,
            "slug=alpha&host=learn.alpha.example&reason=Contract+ended",
            page,
        )
        .await;
    assert_eq!(location(&removed), page, "{}", removed.body);
    assert_eq!(app.get("learn.alpha.example", "/").await.status, 404);
    let audited = owner_scalar(
        &app,
        "SELECT count(*) FROM platform_audit WHERE action IN ('console.domain.added', \
         'console.domain.verified', 'console.domain.removed')",
    )
    .await;
    assert_eq!(audited, 3);
}
