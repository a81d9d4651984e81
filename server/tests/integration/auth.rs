//! Accounts and sessions over HTTP: sign-up, sign-in, fixation, revocation, cookie attributes,
//! enumeration, rate limits, cross-site calls, session limits and hand-offs between portals.

use crate::support::*;
use app::api::auth::{
    CompleteHandoff, CurrentViewer, JoinTenant, SignIn, SignOut, SignUp, SwitchPortal,
};
use app::model::{Role, ViewerInfo};
use server_fn::ServerFn;

struct World {
    app: TestApp,
}

/// alpha: open sign-up, at most 2 sessions, 5-minute idle timeout. beta: invite-only.
/// ann belongs to both, bob to beta only.
async fn world() -> World {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    let settings = serde_json::json!({ "session": { "max_sessions": 2, "idle_minutes": 5 } });
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").settings(settings),
    )
    .await;
    create_tenant(
        &db,
        TenantSpec::new("beta", "Beta Org", "#445566")
            .settings(serde_json::json!({ "signup": "invite" })),
    )
    .await;
    let a = tx(&db, "alpha").await;
    create_person(&db, &a, "ann@example.org", "member").await;
    a.commit().await.unwrap();
    let b = tx(&db, "beta").await;
    create_person(&db, &b, "ann@example.org", "member").await;
    create_person(&db, &b, "bob@example.org", "member").await;
    b.commit().await.unwrap();
    World { app }
}

async fn viewer(browser: &mut Browser<'_>) -> Option<ViewerInfo> {
    let page = browser.call(CurrentViewer::PATH, "").await;
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str(&page.body).unwrap()
}

fn session_cookie(browser: &Browser<'_>) -> String {
    browser
        .set_cookies
        .iter()
        .find(|c| c.starts_with("atrium_session="))
        .cloned()
        .unwrap_or_else(|| panic!("no session cookie set: {:?}", browser.set_cookies))
}

#[tokio::test]
async fn sign_up_creates_a_member_with_a_safe_cookie() {
    let World { app } = world().await;
    let mut b = Browser::new(&app, "localhost", "/alpha");
    let weak = b
        .call(
            SignUp::PATH,
            "email=new%40example.org&display_name=New&password=short",
        )
        .await;
    assert_eq!(weak.status, 400);
    assert!(weak.body.contains("password_too_short"), "{}", weak.body);
    assert!(b.cookie.is_none(), "a refused sign-up must not sign in");

    let ok = b
        .call(
            SignUp::PATH,
            &format!(
                "email=new%40example.org&display_name=New%20Person&password={}",
                enc(PASSWORD)
            ),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let cookie = session_cookie(&b);
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        cookie.contains("Path=/alpha"),
        "path-mode cookies stay in their portal: {cookie}"
    );
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");
    assert!(
        cookie.contains("Max-Age=300"),
        "the tenant's idle timeout: {cookie}"
    );
    let me = viewer(&mut b).await.expect("signed in");
    assert_eq!(
        (me.display_name.as_str(), me.role),
        ("New Person", Some(Role::Member))
    );

    // The same email again, with another password, creates nothing and says why in plain words.
    let mut other = Browser::new(&app, "localhost", "/alpha");
    let dup = other
        .call(
            SignUp::PATH,
            "email=NEW%40example.org&display_name=X&password=another%20long%20password",
        )
        .await;
    assert_eq!(dup.status, 400);
    assert!(dup.body.contains("account_exists"));

    // Invite-only tenants refuse sign-up.
    let mut beta = Browser::new(&app, "beta.localhost", "");
    let closed = beta
        .call(
            SignUp::PATH,
            &format!(
                "email=x%40example.org&display_name=X&password={}",
                enc(PASSWORD)
            ),
        )
        .await;
    assert_eq!(closed.status, 403);
    assert!(closed.body.contains("signup_closed"));
}

#[tokio::test]
async fn subdomain_cookies_are_host_only_and_secure_over_https() {
    let World { app } = world().await;
    let mut b = Browser::new(&app, "alpha.localhost", "");
    b.sign_in("ann@example.org", PASSWORD).await;
    let cookie = session_cookie(&b);
    assert!(
        cookie.contains("Path=/;") || cookie.ends_with("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");

    let response = app
        .request(reqwest::Method::POST, "alpha.localhost", SignIn::PATH)
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header("X-Forwarded-Proto", "https")
        .body(format!(
            "email=ann%40example.org&password={}",
            enc(PASSWORD)
        ))
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
    // A portal on its own origin over https: no sibling subdomain can set a cookie of this name.
    assert!(cookie.starts_with("__Host-atrium_session="), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
}

#[tokio::test]
async fn sign_in_changes_the_session_id_and_sign_out_revokes_it() {
    let World { app } = world().await;
    let mut b = Browser::new(&app, "localhost", "/alpha");
    b.sign_in("ann@example.org", PASSWORD).await;
    let first = b.cookie.clone().unwrap();
    b.sign_in("ann@example.org", PASSWORD).await;
    let second = b.cookie.clone().unwrap();
    assert_ne!(first, second, "a new sign-in must get a new session id");
    let mut stale = Browser::new(&app, "localhost", "/alpha");
    stale.cookie = Some(first);
    assert!(
        viewer(&mut stale).await.is_none(),
        "the old id must be dead"
    );

    // A planted id is never adopted.
    let mut victim = Browser::new(&app, "localhost", "/alpha");
    victim.cookie = Some("AAAAAAAAAAAAAAAAAAAAAA".into());
    victim.sign_in("ann@example.org", PASSWORD).await;
    assert_ne!(victim.cookie.as_deref(), Some("AAAAAAAAAAAAAAAAAAAAAA"));

    let copy = b.cookie.clone();
    let out = b.call(SignOut::PATH, "").await;
    assert_eq!(out.status, 200);
    assert!(
        b.cookie.is_none(),
        "sign-out clears the cookie: {:?}",
        b.set_cookies
    );
    let mut replay = Browser::new(&app, "localhost", "/alpha");
    replay.cookie = copy;
    assert!(
        viewer(&mut replay).await.is_none(),
        "sign-out must delete the session on the server"
    );
}

#[tokio::test]
async fn failed_sign_ins_look_the_same_and_are_rate_limited() {
    let World { app } = world().await;
    let mut b = Browser::new(&app, "localhost", "/alpha");
    let time = |started: std::time::Instant| started.elapsed().as_secs_f64();

    let mut unknown_times = Vec::new();
    let mut wrong_times = Vec::new();
    let mut bodies = Vec::new();
    for i in 0..3 {
        let started = std::time::Instant::now();
        let unknown = b
            .call(
                SignIn::PATH,
                &format!("email=nobody{i}%40example.org&password=whatever%20it%20is"),
            )
            .await;
        unknown_times.push(time(started));
        let started = std::time::Instant::now();
        let wrong = b
            .call(
                SignIn::PATH,
                "email=ann%40example.org&password=not%20the%20password",
            )
            .await;
        wrong_times.push(time(started));
        assert_eq!((unknown.status, wrong.status), (401, 401));
        bodies.push((unknown.body, wrong.body));
    }
    for (unknown, wrong) in &bodies {
        assert_eq!(
            unknown, wrong,
            "unknown email and wrong password must read the same"
        );
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (unknown, wrong) = (median(unknown_times), median(wrong_times));
    assert!(
        unknown > wrong * 0.4,
        "an unknown email answers much faster ({unknown:.4}s vs {wrong:.4}s)"
    );

    // Two more wrong tries for ann reach the per-account limit (5); the sixth is refused.
    for _ in 0..2 {
        assert_eq!(
            b.call(
                SignIn::PATH,
                "email=ann%40example.org&password=nope%20nope%20nope"
            )
            .await
            .status,
            401
        );
    }
    let limited = b
        .call(
            SignIn::PATH,
            &format!("email=ann%40example.org&password={}", enc(PASSWORD)),
        )
        .await;
    assert_eq!(limited.status, 429, "{}", limited.body);
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    assert!(limited.body.contains("RateLimited"));
    // Someone else is not affected by ann's limit.
    let mut bob = Browser::new(&app, "beta.localhost", "");
    bob.sign_in("bob@example.org", PASSWORD).await;
}

#[tokio::test]
async fn cross_site_calls_are_refused() {
    let World { app } = world().await;
    for (origin, fetch_site) in [
        (Some("https://evil.example"), None),
        (Some("http://beta.localhost"), None),
        (Some("null"), None),
        (None, Some("cross-site")),
        (None, Some("same-site")),
    ] {
        let mut request = app
            .request(reqwest::Method::POST, "alpha.localhost", SignIn::PATH)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(format!(
                "email=ann%40example.org&password={}",
                enc(PASSWORD)
            ));
        if let Some(origin) = origin {
            request = request.header(reqwest::header::ORIGIN, origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("Sec-Fetch-Site", site);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 403, "{origin:?} {fetch_site:?}");
        assert!(
            response
                .headers()
                .get(reqwest::header::SET_COOKIE)
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_session_from_one_portal_is_nothing_in_another() {
    let World { app } = world().await;
    let mut alpha = Browser::new(&app, "localhost", "/alpha");
    alpha.sign_in("ann@example.org", PASSWORD).await;
    // The same cookie value, replayed at beta (path and subdomain), finds no session there.
    for (host, base) in [("localhost", "/beta"), ("beta.localhost", "")] {
        let mut beta = Browser::new(&app, host, base);
        beta.cookie = alpha.cookie.clone();
        assert!(viewer(&mut beta).await.is_none(), "{host}{base}");
    }
    // bob, signed in at alpha, is a valid identity but no member there.
    let mut bob = Browser::new(&app, "localhost", "/alpha");
    bob.sign_in("bob@example.org", PASSWORD).await;
    let seen = viewer(&mut bob).await.unwrap();
    assert_eq!(seen.role, None);
    assert!(seen.can_join);
}

#[tokio::test]
async fn the_oldest_session_ends_when_the_limit_is_reached() {
    let World { app } = world().await;
    let mut browsers: Vec<Browser<'_>> = (0..3)
        .map(|_| Browser::new(&app, "localhost", "/alpha"))
        .collect();
    for b in &mut browsers {
        b.sign_in("ann@example.org", PASSWORD).await;
    }
    assert!(
        viewer(&mut browsers[0]).await.is_none(),
        "the oldest of three sessions should have ended"
    );
    assert!(viewer(&mut browsers[1]).await.is_some());
    assert!(viewer(&mut browsers[2]).await.is_some());

    // Idle sessions expire on the server too, whatever the cookie says.
    use sea_orm::ConnectionTrait;
    let owner = app.db.owner().await;
    owner
        .execute_unprepared("UPDATE sessions SET expires_at = now() - interval '1 minute'")
        .await
        .unwrap();
    assert!(
        viewer(&mut browsers[2]).await.is_none(),
        "an expired session must not sign anyone in"
    );
}

#[tokio::test]
async fn the_switcher_hands_the_person_over_to_their_other_portal() {
    let World { app } = world().await;
    let mut alpha = Browser::new(&app, "localhost", "/alpha");
    alpha.sign_in("ann@example.org", PASSWORD).await;
    let portals = viewer(&mut alpha).await.unwrap().portals;
    let names: Vec<_> = portals
        .iter()
        .map(|p| (p.slug.as_str(), p.current))
        .collect();
    assert_eq!(names, [("alpha", true), ("beta", false)]);

    let switched = alpha.call(SwitchPortal::PATH, "slug=beta").await;
    assert_eq!(switched.status, 200, "{}", switched.body);
    let target: String = serde_json::from_str(&switched.body).unwrap();
    assert!(
        target.starts_with("/beta/auth/handoff?token="),
        "path mode stays in path mode: {target}"
    );

    // The link shows whose account it is; "Continue" signs in.
    let mut beta = Browser::new(&app, "localhost", "");
    let landed = beta.get(&target).await;
    assert_eq!(landed.status, 200, "{}", landed.body);
    assert!(landed.body.contains("Continue as ann"), "{}", landed.body);
    beta.base = "/beta".into();
    let token = target.rsplit("token=").next().unwrap();
    let done = beta
        .call(CompleteHandoff::PATH, &format!("token={token}"))
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(serde_json::from_str::<String>(&done.body).unwrap(), "/beta");
    assert!(session_cookie(&beta).contains("Path=/beta"));
    assert_eq!(
        viewer(&mut beta).await.map(|v| v.role),
        Some(Some(Role::Member))
    );

    // Single use.
    let mut again = Browser::new(&app, "localhost", "");
    let reused = again.get(&target).await;
    assert_eq!(reused.status, 401, "{}", reused.body);
    assert!(reused.body.contains("expired or was already used"));
    again.base = "/beta".into();
    let reused = again
        .call(CompleteHandoff::PATH, &format!("token={token}"))
        .await;
    assert_eq!(reused.status, 401, "{}", reused.body);
    assert!(again.cookie.is_none());

    // Subdomain mode hands over to the other subdomain; nobody reaches a portal they are not in.
    let mut sub = Browser::new(&app, "beta.localhost:3000", "");
    sub.sign_in("bob@example.org", PASSWORD).await;
    assert_eq!(sub.call(SwitchPortal::PATH, "slug=alpha").await.status, 403);
    let mut ann = Browser::new(&app, "beta.localhost:3000", "");
    ann.sign_in("ann@example.org", PASSWORD).await;
    let url: String =
        serde_json::from_str(&ann.call(SwitchPortal::PATH, "slug=alpha").await.body).unwrap();
    assert!(
        url.starts_with("http://alpha.localhost:3000/auth/handoff?token="),
        "{url}"
    );
    assert_eq!(
        Browser::new(&app, "localhost", "")
            .call(SwitchPortal::PATH, "slug=alpha")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn forms_work_without_javascript() {
    let World { app } = world().await;
    let mut b = Browser::new(&app, "localhost", "/alpha");
    let wrong = b
        .submit(
            SignIn::PATH,
            "email=ann%40example.org&password=wrong%20password%20here",
            "/signin",
        )
        .await;
    assert_eq!(wrong.status, 302, "{:?} {}", wrong.headers, wrong.body);
    assert_eq!(
        wrong.headers["location"],
        "/alpha/signin?error=invalid_credentials&email=ann%40example.org"
    );
    let page = b
        .get("/signin?error=invalid_credentials&email=ann%40example.org")
        .await;
    assert!(
        page.body.contains("That email and password don"),
        "the page explains the failure"
    );
    assert!(
        page.body.contains("value=\"ann@example.org\""),
        "what was typed is kept"
    );

    let ok = b
        .submit(
            SignIn::PATH,
            &format!("email=ann%40example.org&password={}", enc(PASSWORD)),
            "/signin",
        )
        .await;
    assert_eq!(ok.status, 302);
    assert_eq!(ok.headers["location"], "/alpha");
    assert!(b.cookie.is_some());
    let home = b.get("").await;
    assert!(
        home.body.contains("ann"),
        "the header shows who is signed in"
    );

    // A crafted error parameter shows nothing it was not meant to.
    let crafted = b
        .get("/signin?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert!(!crafted.body.contains("<script>alert(1)"));
}

#[tokio::test]
async fn sessions_live_in_the_database_across_instances() {
    let World { app } = world().await;
    let mut b = Browser::new(&app, "alpha.localhost", "");
    b.sign_in("ann@example.org", PASSWORD).await;
    let (addr, server) = app.another_instance().await;
    let response = reqwest::Client::new()
        .post(format!("http://{addr}{}", CurrentViewer::PATH))
        .header(reqwest::header::HOST, "alpha.localhost")
        .header(
            reqwest::header::COOKIE,
            format!("atrium_session={}", b.cookie.clone().unwrap()),
        )
        .send()
        .await
        .unwrap();
    let seen: Option<ViewerInfo> = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(seen.map(|v| v.email), Some("ann@example.org".to_owned()));
    server.abort();
}

#[tokio::test]
async fn a_signed_in_person_joins_an_open_tenant_but_not_an_invite_only_one() {
    let World { app } = world().await;
    let mut bob = Browser::new(&app, "alpha.localhost", "");
    bob.sign_in("bob@example.org", PASSWORD).await;
    assert_eq!(viewer(&mut bob).await.unwrap().role, None);
    assert_eq!(bob.call(JoinTenant::PATH, "").await.status, 200);
    assert_eq!(viewer(&mut bob).await.unwrap().role, Some(Role::Member));
    assert_eq!(
        Browser::new(&app, "alpha.localhost", "")
            .call(JoinTenant::PATH, "")
            .await
            .status,
        401
    );

    // carol exists only at alpha; beta is invite-only, so she cannot join it by herself.
    let mut carol = Browser::new(&app, "alpha.localhost", "");
    carol
        .call(
            SignUp::PATH,
            &format!(
                "email=carol%40example.org&display_name=Carol&password={}",
                enc(PASSWORD)
            ),
        )
        .await;
    let mut at_beta = Browser::new(&app, "beta.localhost", "");
    at_beta.sign_in("carol@example.org", PASSWORD).await;
    let refused = at_beta.call(JoinTenant::PATH, "").await;
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("signup_closed"));
}

#[tokio::test]
async fn after_sign_in_only_local_pages_are_followed() {
    let World { app } = world().await;
    for next in [
        "%2F%09%2Fevil.example",
        "%2F%2Fevil.example",
        "https%3A%2F%2Fevil.example",
        "%2F%0A%2Fevil.example",
    ] {
        let mut b = Browser::new(&app, "localhost", "/alpha");
        let form = format!(
            "email=ann%40example.org&password={}&next={next}",
            enc(PASSWORD)
        );
        let page = b.submit(SignIn::PATH, &form, "/signin").await;
        assert_eq!(page.headers["location"], "/alpha", "next={next}");
    }
    let mut b = Browser::new(&app, "localhost", "/alpha");
    let form = format!(
        "email=ann%40example.org&password={}&next=%2Falpha%2Flearning",
        enc(PASSWORD)
    );
    assert_eq!(
        b.submit(SignIn::PATH, &form, "/signin").await.headers["location"],
        "/alpha/learning"
    );
}

#[tokio::test]
async fn in_path_mode_one_portals_pages_cannot_call_another_portal() {
    let World { app } = world().await;
    let mut ann = Browser::new(&app, "localhost", "/beta");
    ann.sign_in("ann@example.org", PASSWORD).await;
    let response = app
        .request(
            reqwest::Method::POST,
            "localhost",
            &format!("/beta{}", CurrentViewer::PATH),
        )
        .header(
            reqwest::header::COOKIE,
            format!("atrium_session={}", ann.cookie.clone().unwrap()),
        )
        .header("Sec-Fetch-Site", "same-origin")
        .header(reqwest::header::REFERER, "http://localhost/alpha/courses")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        403,
        "a page of alpha calling beta's functions"
    );
    let from_beta = app
        .request(
            reqwest::Method::POST,
            "localhost",
            &format!("/beta{}", CurrentViewer::PATH),
        )
        .header("Sec-Fetch-Site", "same-origin")
        .header(reqwest::header::REFERER, "http://localhost/beta/courses")
        .send()
        .await
        .unwrap();
    assert_eq!(from_beta.status(), 200);
}

#[tokio::test]
async fn a_session_slides_forward_when_due_and_is_not_rewritten_on_every_request() {
    let World { app } = world().await;
    let mut b = Browser::new(&app, "localhost", "/alpha");
    b.sign_in("ann@example.org", PASSWORD).await;
    // Just saved: a page neither writes the session nor sends the cookie again.
    let page = b.get("/courses").await;
    assert_eq!(page.status, 200);
    assert!(b.set_cookies.is_empty(), "{:?}", b.set_cookies);
    // alpha's sessions end after 5 idle minutes; one saved a minute ago is due again.
    let owner = app.db.owner().await;
    use sea_orm::ConnectionTrait;
    owner
        .execute_unprepared("UPDATE sessions SET expires_at = now() + interval '4 minutes'")
        .await
        .unwrap();
    let page = b.get("/courses").await;
    assert_eq!(page.status, 200);
    let cookie = session_cookie(&b);
    assert!(
        cookie.contains("Max-Age=300") || cookie.contains("Expires"),
        "{cookie}"
    );
    let left: f64 = {
        use sea_orm::{DbBackend, Statement};
        owner
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT extract(epoch FROM max(expires_at) - now())::float8 AS left FROM sessions",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get("", "left")
            .unwrap()
    };
    assert!(left > 280.0, "renewed to the full idle time: {left}s left");
    assert_eq!(
        viewer(&mut b).await.map(|v| v.email).as_deref(),
        Some("ann@example.org")
    );
}

/// Five wrong passwords for ann through `browser`, then whether a sixth try is refused (429).
async fn limited_after_five_wrong(browser: &mut Browser<'_>) -> bool {
    for _ in 0..5 {
        let wrong = browser
            .call(
                SignIn::PATH,
                "email=ann%40example.org&password=nope%20nope%20nope",
            )
            .await;
        if wrong.status == 429 {
            return true;
        }
        assert_eq!(wrong.status, 401, "{}", wrong.body);
    }
    browser
        .call(
            SignIn::PATH,
            "email=ann%40example.org&password=nope%20nope%20nope",
        )
        .await
        .status
        == 429
}

#[tokio::test]
async fn a_forwarded_address_counts_only_from_a_trusted_proxy() {
    // No trusted proxies: a client inventing X-Forwarded-For is still counted by its socket, so
    // changing the header does not reset its limit.
    let World { app } = world().await;
    let mut liar = Browser::new(&app, "localhost", "/alpha").forwarded_for("203.0.113.1");
    assert!(limited_after_five_wrong(&mut liar).await);
    let mut liar = Browser::new(&app, "localhost", "/alpha").forwarded_for("203.0.113.2");
    let again = liar
        .call(
            SignIn::PATH,
            &format!("email=ann%40example.org&password={}", enc(PASSWORD)),
        )
        .await;
    assert_eq!(again.status, 429, "a new header is not a new client");

    // Behind our own proxy (127.0.0.1 trusted): each forwarded client has its own limit.
    let db = TestDb::new().await;
    let proxied = TestApp::spawn_with(db, |c| {
        c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    create_tenant(
        &proxied.state.db,
        TenantSpec::new("alpha", "Alpha Org", "#112233"),
    )
    .await;
    let t = tx(&proxied.state.db, "alpha").await;
    create_person(&proxied.state.db, &t, "ann@example.org", "member").await;
    t.commit().await.unwrap();
    let mut first = Browser::new(&proxied, "localhost", "/alpha").forwarded_for("203.0.113.1");
    assert!(limited_after_five_wrong(&mut first).await);
    let mut second = Browser::new(&proxied, "localhost", "/alpha").forwarded_for("203.0.113.2");
    second.sign_in("ann@example.org", PASSWORD).await;
}
