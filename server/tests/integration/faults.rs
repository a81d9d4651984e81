//! Surviving faults: a database that goes away and comes back (a scratch cluster this test stops
//! and starts), a statement that would run for ever, a database upgraded by a newer build, and
//! the process itself stopped by SIGTERM or killed outright.

use crate::support::*;
use app::api::auth::{SignIn, SignUp};
use app::api::catalog::ListCourses;
use sea_orm::{ConnectionTrait, TransactionTrait};
use server_fn::ServerFn;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::process::Command;

/// A PostgreSQL cluster of this test's own (`scripts/scratch-pg`), removed when dropped.
struct ScratchPg {
    dir: PathBuf,
    port: u16,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/scratch-pg")
}

async fn scratch(command: &str, dir: &std::path::Path) -> String {
    let out = Command::new("bash")
        .arg(script())
        .arg(command)
        .arg(dir)
        .output()
        .await
        .expect("run scripts/scratch-pg");
    assert!(
        out.status.success(),
        "scratch-pg {command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

impl ScratchPg {
    async fn start_new() -> Self {
        let dir = std::env::temp_dir().join(format!("atrium-scratch-{}", uuid::Uuid::new_v4()));
        let port = scratch("start", &dir).await.parse().expect("a port");
        Self { dir, port }
    }

    fn admin_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    async fn stop(&self) {
        scratch("stop", &self.dir).await;
    }

    async fn start(&self) {
        scratch("start", &self.dir).await;
    }
}

impl Drop for ScratchPg {
    fn drop(&mut self) {
        let _ = std::process::Command::new("bash")
            .arg(script())
            .arg("destroy")
            .arg(&self.dir)
            .output();
    }
}

#[tokio::test]
async fn with_the_database_down_pages_answer_503_at_once_and_recover_when_it_is_back() {
    let pg = ScratchPg::start_new().await;
    let app = TestApp::spawn(TestDb::on_server(&pg.admin_url()).await).await;
    create_tenant(
        &app.state.db,
        TenantSpec::new("alpha", "Alpha Org", "#112233"),
    )
    .await;
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);
    assert_eq!(app.get("localhost", "/ready").await.status, 200);

    pg.stop().await;
    for _ in 0..2 {
        let started = Instant::now();
        let page = app.get("localhost", "/alpha/courses").await;
        let took = started.elapsed();
        assert_eq!(page.status, 503, "{}", page.body);
        assert!(took < Duration::from_millis(3500), "answered in {took:?}");
        assert!(page.body.contains("try again"), "{}", page.body);
        assert!(
            !page.body.contains("sqlx"),
            "no internals shown: {}",
            page.body
        );
    }
    let call = app.call("localhost", "/alpha", ListCourses::PATH, "").await;
    assert_eq!(call.status, 503, "{}", call.body);
    assert!(call.body.contains("Busy"), "{}", call.body);
    // The same when the tenant itself cannot be looked up (not cached: the listener that keeps
    // the cache honest has lost the database too, and the cache may have been emptied).
    app.state.db.tenants().clear();
    let call = app.call("localhost", "/alpha", ListCourses::PATH, "").await;
    assert_eq!(call.status, 503, "{}", call.body);
    assert!(call.body.contains("Busy"), "{}", call.body);
    let health = app.get("localhost", "/health").await;
    assert_eq!(health.status, 200, "liveness does not need the database");
    assert_eq!(app.get("localhost", "/ready").await.status, 503);

    pg.start().await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = app.get("localhost", "/alpha/courses").await;
        if page.status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "not recovered: {}", page.status);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.get("localhost", "/ready").await.status, 200);
    assert_eq!(
        app.call("localhost", "/alpha", ListCourses::PATH, "")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_statement_that_would_wait_for_ever_gives_its_connection_back() {
    let app = TestApp::spawn_with(TestDb::new().await, |c| c.statement_timeout_ms = 300).await;
    create_tenant(
        &app.state.db,
        TenantSpec::new("alpha", "Alpha Org", "#112233"),
    )
    .await;
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);

    // Another session holds the courses table: the catalog's query waits on it.
    let owner = app.db.owner().await;
    let blocker = owner.begin().await.unwrap();
    blocker
        .execute_unprepared("LOCK TABLE courses IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let started = Instant::now();
    let page = app.get("localhost", "/alpha/courses").await;
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "gave up after the statement timeout, not the lock: {:?}",
        started.elapsed()
    );
    blocker.rollback().await.unwrap();
    assert_eq!(app.get("localhost", "/alpha/courses").await.status, 200);
}

#[tokio::test]
async fn a_database_upgraded_by_a_newer_build_is_refused_and_not_ready() {
    let app = TestApp::spawn(TestDb::new().await).await;
    assert_eq!(app.get("localhost", "/ready").await.status, 200);
    let owner = app.db.owner().await;
    owner
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('9999_from_the_future', 0)",
        )
        .await
        .unwrap();
    let ready = app.get("localhost", "/ready").await;
    assert_eq!(ready.status, 503, "{}", ready.body);

    let before = owner_scalar(&app, "SELECT count(*) FROM seaql_migrations").await;
    let passwords = server::database::RolePasswords {
        app: Some(&app.db.app_password),
        platform: Some(&app.db.platform_password),
    };
    let refused = server::database::migrate(&app.db.owner_url, passwords)
        .await
        .expect_err("an older build must not start");
    assert!(
        refused.to_string().contains("9999_from_the_future")
            && refused.to_string().contains("newer version"),
        "{refused}"
    );
    assert_eq!(
        owner_scalar(&app, "SELECT count(*) FROM seaql_migrations").await,
        before,
        "nothing was changed"
    );
}

/// The real binary, as an operator runs it, on `port`.
async fn start_binary(db: &TestDb, port: u16, uploads: &std::path::Path) -> tokio::process::Child {
    let child = binary(db, port, uploads)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the atrium binary");
    wait_until_up(port).await;
    child
}

fn binary(db: &TestDb, port: u16, uploads: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_atrium"));
    command
        .env("DATABASE_URL", &db.owner_url)
        .env("ATRIUM_APP_DB_PASSWORD", &db.app_password)
        .env("ATRIUM_PLATFORM_DB_PASSWORD", &db.platform_password)
        .env("ATRIUM_LISTEN_ADDR", format!("127.0.0.1:{port}"))
        .env("ATRIUM_JOBS", "off")
        .env("ATRIUM_SHUTDOWN_GRACE", "5")
        // Each run on a port of its own (the default, 9464, is one per machine).
        .env("ATRIUM_METRICS_ADDR", "127.0.0.1:0")
        .env("ATRIUM_UPLOAD_DIR", uploads)
        .env_remove("LEPTOS_OUTPUT_NAME")
        .env_remove("ATRIUM_DEMO_DATA")
        .env_remove("ATRIUM_LOG_FORMAT")
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    command
}

async fn wait_until_up(port: u16) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let up = client
            .get(format!("http://127.0.0.1:{port}/health"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        if up {
            return;
        }
        assert!(Instant::now() < deadline, "the binary did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A server function call to the binary as a browser page would make it.
async fn call_binary(port: u16, path: &str, form: &str) -> reqwest::Response {
    let origin = format!("http://localhost:{port}");
    reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/alpha{path}"))
        .header(reqwest::header::HOST, format!("localhost:{port}"))
        .header(reqwest::header::ORIGIN, origin)
        .header("Sec-Fetch-Site", "same-origin")
        .header(reqwest::header::ACCEPT, "application/json")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(form.to_owned())
        .send()
        .await
        .expect("call the binary")
}

#[tokio::test]
async fn an_acknowledged_write_survives_kill_9_and_sigterm_finishes_requests_in_flight() {
    let db = TestDb::new().await;
    create_tenant(
        &db.app_db().await,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    let uploads = std::env::temp_dir().join(format!("atrium-up-{}", uuid::Uuid::new_v4()));
    let port = free_port();

    // A sign-up answered 200 is committed: killing the process cannot take it back.
    let mut first = start_binary(&db, port, &uploads).await;
    let form = format!(
        "email=durable%40example.org&display_name=Durable&password={}",
        enc(PASSWORD)
    );
    let signed_up = call_binary(port, SignUp::PATH, &form).await;
    assert_eq!(signed_up.status(), 200, "{:?}", signed_up.text().await);
    first.start_kill().unwrap();
    first.wait().await.unwrap();
    let mut second = start_binary(&db, port, &uploads).await;
    let form = format!("email=durable%40example.org&password={}", enc(PASSWORD));
    let signed_in = call_binary(port, SignIn::PATH, &form).await;
    assert_eq!(signed_in.status(), 200, "{:?}", signed_in.text().await);

    // A request still arriving when SIGTERM comes is answered; then the process exits cleanly.
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    let body = reqwest::Body::wrap_stream(tokio_stream_of(receiver));
    let slow = tokio::spawn(
        reqwest::Client::new()
            .post(format!("http://127.0.0.1:{port}/alpha/payments/events"))
            .header(reqwest::header::HOST, format!("localhost:{port}"))
            .header("atrium-signature", "t=1,v1=00")
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send(),
    );
    sender.send(Ok(b"{\"id\":".to_vec())).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = second.id().expect("running");
    let term = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .await
        .unwrap();
    assert!(term.success());
    tokio::time::sleep(Duration::from_millis(500)).await;
    sender.send(Ok(b"\"evt\"}".to_vec())).await.unwrap();
    drop(sender);
    let answered = slow
        .await
        .unwrap()
        .expect("the request in flight is answered");
    assert_eq!(answered.status(), 400, "a bad signature, answered in full");
    let exit = tokio::time::timeout(Duration::from_secs(10), second.wait())
        .await
        .expect("exits within the grace period")
        .unwrap();
    assert!(exit.success(), "exit status {exit:?}");
    let _ = std::fs::remove_dir_all(&uploads);
}

/// The receiving half of a channel as a stream, for a request body sent in pieces.
fn tokio_stream_of<T: Send + 'static>(
    mut receiver: tokio::sync::mpsc::Receiver<T>,
) -> impl futures::Stream<Item = T> + Send + 'static {
    futures::stream::poll_fn(move |cx| receiver.poll_recv(cx))
}

#[tokio::test]
async fn json_logs_carry_each_line_s_request_id_and_tenant() {
    use tokio::io::AsyncReadExt;
    let db = TestDb::new().await;
    create_tenant(
        &db.app_db().await,
        TenantSpec::new("alpha", "Alpha Org", "#112233"),
    )
    .await;
    let uploads = std::env::temp_dir().join(format!("atrium-up-{}", uuid::Uuid::new_v4()));
    let port = free_port();
    let mut child = binary(&db, port, &uploads)
        .env("ATRIUM_LOG_FORMAT", "json")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the atrium binary");
    wait_until_up(port).await;

    // A refused call is logged (at info) inside its request's span.
    let response = reqwest::Client::new()
        .post(format!(
            "http://127.0.0.1:{port}/alpha{}",
            app::api::catalog::CourseOutline::PATH
        ))
        .header(reqwest::header::HOST, format!("localhost:{port}"))
        .header(reqwest::header::ORIGIN, format!("http://localhost:{port}"))
        .header("Sec-Fetch-Site", "same-origin")
        .header("x-request-id", "report-4711")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body("slug=missing")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["x-request-id"], "report-4711");
    child.start_kill().unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .await
        .unwrap();
    child.wait().await.unwrap();
    let line = out
        .lines()
        .find(|l| l.contains("report-4711"))
        .unwrap_or_else(|| panic!("no line of the request in:\n{out}"));
    let json: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
    let request = json["spans"]
        .as_array()
        .and_then(|spans| spans.iter().find(|s| s["name"] == "request"))
        .unwrap_or_else(|| panic!("the request span in {line}"));
    assert_eq!(request["request_id"], "report-4711");
    assert_eq!(request["tenant"], "alpha");
    assert!(json["fields"]["message"].is_string(), "{line}");
    let _ = std::fs::remove_dir_all(&uploads);
}
