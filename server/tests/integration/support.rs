//! Test harness: a fresh PostgreSQL database per test (migrated by the real start-up code) and
//! the real server on a random port, driven over HTTP.

use app::data::demo;
use app::data::repos::{courses, lessons, memberships, modules, tenants, users};
use app::data::{Db, Lookup, PlatformTx, ResolvedTenant, TenantTx, tenancy};
use app::model::{Branding, Features, HexColor, TenantSlug, Tier};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::{Config, PLATFORM_ROLE, derive_app_url, derive_url};
use server::database::RolePasswords;
use server::state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use uuid::Uuid;

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set. Run the tests with scripts/test, which starts PostgreSQL and \
             sets it (ATRIUM_TEST_DATABASE_URL must be able to create databases and roles)."
        )
    })
}

static MIGRATIONS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A database of its own, dropped when the test ends.
pub struct TestDb {
    pub name: String,
    admin_url: String,
    pub owner_url: String,
    pub app_url: String,
    pub app_password: String,
    pub platform_url: String,
    pub platform_password: String,
}

impl TestDb {
    pub async fn new() -> Self {
        Self::create(None).await
    }

    /// A fresh database with only its first `steps` migrations applied, for testing what a later
    /// migration does to data written before it; `finish_migrations` applies the rest.
    pub async fn migrated_up_to(steps: u32) -> Self {
        Self::create(Some(steps)).await
    }

    /// Applies the remaining migrations as start-up would.
    pub async fn finish_migrations(&self) {
        let _guard = MIGRATIONS.lock().await;
        let passwords = RolePasswords {
            app: Some(&self.app_password),
            platform: Some(&self.platform_password),
        };
        server::database::migrate(&self.owner_url, passwords)
            .await
            .expect("finish migrating the test database");
    }

    /// A fresh, migrated database on another PostgreSQL server (`admin_url`: its maintenance
    /// database, as a superuser), such as a scratch cluster a test stops and starts.
    pub async fn on_server(admin_url: &str) -> Self {
        Self::create_on(admin_url.to_owned(), None).await
    }

    async fn create(steps: Option<u32>) -> Self {
        Self::create_on(env("ATRIUM_TEST_DATABASE_URL"), steps).await
    }

    async fn create_on(admin_url: String, steps: Option<u32>) -> Self {
        let app_password = env("ATRIUM_APP_DB_PASSWORD");
        let platform_password = env("ATRIUM_PLATFORM_DB_PASSWORD");
        let name = format!("atrium_test_{}", Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url)
            .await
            .expect("connect as admin");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create test database");
        admin.close().await.expect("close admin");
        let server_url = admin_url
            .rsplit_once('/')
            .expect("database URL has a path")
            .0;
        let owner_url = format!("{server_url}/{name}");
        let app_url = derive_app_url(&owner_url, &app_password).expect("derive app URL");
        let platform_url =
            derive_url(&owner_url, PLATFORM_ROLE, &platform_password).expect("derive URL");
        {
            // Roles are cluster-wide; concurrent tests would race on them.
            let _guard = MIGRATIONS.lock().await;
            if let Some(steps) = steps {
                use migration::MigratorTrait;
                let owner = Database::connect(&owner_url)
                    .await
                    .expect("owner connection");
                migration::Migrator::up(&owner, Some(steps))
                    .await
                    .expect("migrate test database partly");
                owner.close().await.expect("close owner");
            } else {
                let passwords = RolePasswords {
                    app: Some(&app_password),
                    platform: Some(&platform_password),
                };
                server::database::migrate(&owner_url, passwords)
                    .await
                    .expect("migrate test database");
            }
        }
        Self {
            name,
            admin_url,
            owner_url,
            app_url,
            app_password,
            platform_url,
            platform_password,
        }
    }

    /// The application's pool (the atrium_app role).
    pub async fn app_db(&self) -> Db {
        self.app_db_of(5).await
    }

    /// The application's pools with `max_connections` on the app pool.
    pub async fn app_db_of(&self, max_connections: u32) -> Db {
        Db::connect(&self.app_url, &self.platform_url, max_connections)
            .await
            .expect("connect as app")
    }

    /// A raw connection as the app role, for tests that bypass the repositories on purpose.
    pub async fn raw_app(&self, max_connections: u32) -> DatabaseConnection {
        raw(&self.app_url, max_connections).await
    }

    /// A raw connection as the platform login (`atrium_console`).
    pub async fn raw_platform(&self) -> DatabaseConnection {
        raw(&self.platform_url, 1).await
    }

    /// Whether the owner connection bypasses Row-Level Security (a superuser, as in scripts/test).
    pub async fn owner_bypasses_rls(&self) -> bool {
        use sea_orm::{DbBackend, Statement};
        self.owner()
            .await
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
            ))
            .await
            .ok()
            .flatten()
            .and_then(|row| row.try_get_by_index::<bool>(0).ok())
            .unwrap_or(false)
    }

    /// The owner connection (migrations' role).
    pub async fn owner(&self) -> DatabaseConnection {
        Database::connect(&self.owner_url)
            .await
            .expect("owner connection")
    }

    pub fn config(&self) -> Config {
        Config {
            database_url: self.owner_url.clone(),
            app_database_url: self.app_url.clone(),
            app_role_password: Some(self.app_password.clone()),
            platform_database_url: self.platform_url.clone(),
            platform_role_password: Some(self.platform_password.clone()),
            root_domain: "localhost".into(),
            listen_addr: "127.0.0.1:0".parse().expect("addr"),
            load_demo_data: false,
            db_max_connections: 5,
            https: false,
            upload_dir: std::env::temp_dir()
                .join(format!("atrium-uploads-{}", Uuid::new_v4().simple())),
            // Tests run the queue themselves, with a clock they move (`jobs::Worker`).
            jobs: false,
            smtp_url: None,
            mail_from: "Atrium <no-reply@localhost>".into(),
            statement_timeout_ms: app::data::PoolSettings::STATEMENT_TIMEOUT_MS,
            shutdown_grace: std::time::Duration::from_secs(10),
            trusted_proxies: Vec::new(),
            // Tests send hundreds of requests to one tenant from one address in seconds; the
            // admission tests turn the limits on.
            admission: server::admission::AdmissionSettings {
                rate_limits: false,
                ..Default::default()
            },
            redis_url: None,
            // One prefix per database, so instances of one test share their limits.
            redis_prefix: format!("atrium-test-{}", self.name),
            // The metrics tests ask for a listener of their own.
            metrics_addr: None,
        }
    }
}

async fn raw(url: &str, max_connections: u32) -> DatabaseConnection {
    let mut options = sea_orm::ConnectOptions::new(url.to_owned());
    options.max_connections(max_connections).sqlx_logging(false);
    Database::connect(options).await.expect("raw connection")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Async work cannot run in Drop; a short-lived runtime on its own thread does it.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// The real server, built by the same `Application` as the binary, on a random port.
fn leptos_options() -> leptos::config::LeptosOptions {
    leptos::config::LeptosOptions::builder()
        .output_name("atrium")
        .site_root("target/site")
        .build()
}

async fn start(config: Config) -> (SocketAddr, AppState, tokio::task::JoinHandle<()>) {
    start_site(config, leptos_options()).await
}

async fn start_site(
    config: Config,
    leptos: leptos::config::LeptosOptions,
) -> (SocketAddr, AppState, tokio::task::JoinHandle<()>) {
    start_with(config, leptos, None).await
}

async fn start_with(
    config: Config,
    leptos: leptos::config::LeptosOptions,
    resolver: Option<Arc<dyn app::dns::TxtResolver>>,
) -> (SocketAddr, AppState, tokio::task::JoinHandle<()>) {
    let mut app = {
        // Roles are cluster-wide; concurrent start-ups would race on them.
        let _guard = MIGRATIONS.lock().await;
        server::Application::build(config, leptos)
            .await
            .expect("build the server")
    };
    if let Some(resolver) = resolver {
        app = app.with_resolver(resolver);
    }
    let (addr, state) = (app.addr(), app.state().clone());
    let handle = tokio::spawn(async move {
        let _ = app.run(std::future::pending()).await;
    });
    (addr, state, handle)
}

/// The real server, on a random port.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub db: TestDb,
    client: reqwest::Client,
}

impl TestApp {
    pub async fn spawn(db: TestDb) -> Self {
        Self::spawn_with(db, |_| {}).await
    }

    /// The server looking DNS up through `resolver`.
    pub async fn spawn_with_resolver(db: TestDb, resolver: Arc<dyn app::dns::TxtResolver>) -> Self {
        let (addr, state, _) = start_with(db.config(), leptos_options(), Some(resolver)).await;
        Self {
            addr,
            state,
            db,
            client: no_redirect_client(),
        }
    }

    pub async fn spawn_with(db: TestDb, tweak: impl FnOnce(&mut Config)) -> Self {
        // Server logs go to the test's output, shown when it fails (RUST_LOG to change detail).
        let _ = tracing_subscriber::fmt()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_default_env()
                    .unwrap_or_else(|_| "warn,server=info,app=info".into()),
            )
            .with_test_writer()
            .try_init();
        let mut config = db.config();
        tweak(&mut config);
        let (addr, state, _) = start(config).await;
        let client = no_redirect_client();
        Self {
            addr,
            state,
            db,
            client,
        }
    }

    /// The server serving the build files under `site_root` (with content-hashed names when
    /// `hash_files`).
    pub async fn spawn_site(db: TestDb, site_root: &std::path::Path, hash_files: bool) -> Self {
        let leptos = leptos::config::LeptosOptions::builder()
            .output_name("atrium")
            .site_root(site_root.to_string_lossy().to_string())
            .hash_files(hash_files)
            .build();
        let (addr, state, _) = start_site(db.config(), leptos).await;
        let client = no_redirect_client();
        Self {
            addr,
            state,
            db,
            client,
        }
    }

    /// Another server instance on the same database (as behind a load balancer).
    pub async fn another_instance(&self) -> (SocketAddr, tokio::task::JoinHandle<()>) {
        self.another_instance_with(|_| {}).await
    }

    /// Another instance, configured as `tweak` says (start both with the same tweak to run them
    /// alike).
    pub async fn another_instance_with(
        &self,
        tweak: impl FnOnce(&mut Config),
    ) -> (SocketAddr, tokio::task::JoinHandle<()>) {
        let mut config = self.db.config();
        tweak(&mut config);
        let (addr, _, handle) = start(config).await;
        (addr, handle)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A request as a browser would send it to `host` (the Host header), served by this app.
    pub fn request(
        &self,
        method: reqwest::Method,
        host: &str,
        path: &str,
    ) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header(reqwest::header::HOST, host)
    }

    pub async fn get(&self, host: &str, path: &str) -> Page {
        Page::from(
            self.request(reqwest::Method::GET, host, path)
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    /// Calls a server function the way the browser does (URL-encoded form, JSON back).
    pub async fn call(&self, host: &str, base: &str, fn_path: &str, form: &str) -> Page {
        let response = self
            .request(reqwest::Method::POST, host, &format!("{base}{fn_path}"))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(form.to_owned())
            .send()
            .await
            .expect("POST");
        Page::from(response).await
    }
}

/// A response with its body read.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub async fn from(response: reqwest::Response) -> Self {
        Self {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.expect("body"),
        }
    }
}

// --- Fixtures, created through the same repositories the application uses --------------------

pub struct TenantSpec<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub primary: &'a str,
    pub features: Features,
    pub settings: serde_json::Value,
}

impl<'a> TenantSpec<'a> {
    pub fn new(slug: &'a str, name: &'a str, primary: &'a str) -> Self {
        Self {
            slug,
            name,
            primary,
            features: Features {
                courses: true,
                assessments: false,
                community: false,
                ecommerce: false,
            },
            settings: serde_json::json!({}),
        }
    }

    /// Every feature on.
    pub fn everything(mut self) -> Self {
        self.features = Features {
            courses: true,
            assessments: true,
            community: true,
            ecommerce: true,
        };
        self
    }

    pub fn settings(mut self, settings: serde_json::Value) -> Self {
        self.settings = settings;
        self
    }
}

pub async fn create_tenant(db: &Db, spec: TenantSpec<'_>) -> Uuid {
    let platform = PlatformTx::begin(db, "test fixture")
        .await
        .expect("platform tx");
    let branding = Branding {
        primary: HexColor::parse(spec.primary).expect("colour"),
        ..Branding::default()
    };
    let row = tenants::create(
        &platform,
        tenants::NewTenant {
            slug: &TenantSlug::parse(spec.slug).expect("slug"),
            name: spec.name,
            tier: Tier::Basic,
            branding: &branding,
            features: spec.features,
            settings: spec.settings,
        },
    )
    .await
    .expect("create tenant");
    platform.commit().await.expect("commit");
    row.id
}

pub async fn resolve(db: &Db, slug: &str) -> ResolvedTenant {
    match tenancy::by_slug(db, &TenantSlug::parse(slug).expect("slug"))
        .await
        .expect("lookup")
    {
        Lookup::Active(t) => t,
        other => panic!("{slug} did not resolve: {other:?}"),
    }
}

pub async fn tx(db: &Db, slug: &str) -> TenantTx {
    resolve(db, slug).await.begin(db).await.expect("tenant tx")
}

/// A course with one module and `lessons` lessons; returns (course, module, lesson ids).
pub async fn create_course(
    tx: &TenantTx,
    slug: &str,
    title: &str,
    access: &str,
    published: bool,
    lesson_titles: &[&str],
) -> (Uuid, Uuid, Vec<Uuid>) {
    let course = courses::create(
        tx,
        courses::NewCourse {
            slug,
            title,
            summary: &format!("Summary of {title}"),
            access_level: access,
            price_cents: 0,
        },
    )
    .await
    .expect("create course");
    let module = modules::create(tx, course.id, "Module one", 0)
        .await
        .expect("module");
    let mut lesson_ids = Vec::new();
    for (i, lesson_title) in lesson_titles.iter().enumerate() {
        let lesson = lessons::create(
            tx,
            lessons::NewLesson {
                course_id: course.id,
                module_id: module.id,
                title: lesson_title,
                body_markdown: "Body",
                position: i32::try_from(i).expect("position"),
                published: true,
            },
        )
        .await
        .expect("lesson");
        lesson_ids.push(lesson.id);
    }
    if published {
        courses::set_published(tx, course.id, true)
            .await
            .expect("publish");
    }
    (course.id, module.id, lesson_ids)
}

/// A person without a password, a member of `tx`'s tenant with `role`.
pub async fn create_member(_db: &Db, tx: &TenantTx, email: &str, role: &str) -> Uuid {
    let user = users::create(
        tx,
        users::NewUser {
            email,
            display_name: "Test Person",
            password_hash: None,
        },
    )
    .await
    .expect("user");
    memberships::add(tx, user.id, role)
        .await
        .expect("membership");
    user.id
}

pub async fn suspend(db: &Db, tenant_id: Uuid) {
    let platform = PlatformTx::begin(db, "test fixture")
        .await
        .expect("platform tx");
    tenants::set_suspended(&platform, tenant_id, true)
        .await
        .expect("suspend");
    platform.commit().await.expect("commit");
}

pub async fn add_domain(db: &Db, tenant_id: Uuid, host: &str, verified: bool) {
    let platform = PlatformTx::begin(db, "test fixture")
        .await
        .expect("platform tx");
    tenants::add_domain(&platform, tenant_id, host, verified)
        .await
        .expect("domain");
    platform.commit().await.expect("commit");
}

pub use demo::Outcome as DemoOutcome;

/// A browser's view of one portal: its Host, its path prefix and its session cookie, which it
/// keeps like a browser does (set, replaced, removed).
pub struct Browser<'a> {
    app: &'a TestApp,
    /// Its own client when it connects from another loopback address (`connecting_from`).
    client: Option<reqwest::Client>,
    pub host: String,
    pub base: String,
    /// The session cookie's name: the portal's, or the console's.
    pub cookie_name: &'static str,
    pub cookie: Option<String>,
    /// `Set-Cookie` headers of the last response.
    pub set_cookies: Vec<String>,
    /// An `X-Forwarded-For` header sent with every request (as a proxy, or a liar, would).
    forwarded_for: Option<String>,
    /// Another instance of the server to talk to (`at`), as a load balancer would send it.
    instance: Option<SocketAddr>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp, host: &str, base: &str) -> Self {
        Self {
            app,
            client: None,
            host: host.into(),
            base: base.into(),
            cookie_name: "atrium_session",
            cookie: None,
            set_cookies: Vec::new(),
            forwarded_for: None,
            instance: None,
        }
    }

    /// From now on, requests go to the instance at `addr` (same database), cookies kept.
    pub fn at(&mut self, addr: SocketAddr) -> &mut Self {
        self.instance = Some(addr);
        self
    }

    /// A browser on the platform console at `host`, keeping the console's cookie.
    pub fn console(app: &'a TestApp, host: &str) -> Self {
        let mut browser = Self::new(app, host, "");
        browser.cookie_name = "atrium_console";
        browser
    }

    /// The same browser connecting from another address (say 127.0.0.2), as another client on
    /// the network would.
    pub fn connecting_from(mut self, address: std::net::IpAddr) -> Self {
        self.client = Some(
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .local_address(address)
                .build()
                .expect("client"),
        );
        self
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let url = format!("http://{}{path}", self.instance.unwrap_or(self.app.addr));
        let request = self
            .client
            .as_ref()
            .unwrap_or(&self.app.client)
            .request(method, url)
            .header(reqwest::header::HOST, &self.host);
        match &self.forwarded_for {
            Some(value) => request.header("x-forwarded-for", value),
            None => request,
        }
    }

    /// Sends `X-Forwarded-For: value` from now on.
    pub fn forwarded_for(mut self, value: &str) -> Self {
        self.forwarded_for = Some(value.to_owned());
        self
    }

    /// Posts a JSON body to `path` (outside the portal prefix logic), same-origin.
    pub async fn app_json(&mut self, path: &str, json: &str) -> Page {
        let request = self
            .request(reqwest::Method::POST, path)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ORIGIN, self.origin())
            .header("Sec-Fetch-Site", "same-origin")
            .body(json.to_owned());
        self.send(request).await
    }

    async fn send(&mut self, mut request: reqwest::RequestBuilder) -> Page {
        if let Some(cookie) = &self.cookie {
            request = request.header(
                reqwest::header::COOKIE,
                format!("{}={cookie}", self.cookie_name),
            );
        }
        let page = Page::from(request.send().await.expect("request")).await;
        self.set_cookies = page
            .headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        for header in &self.set_cookies {
            let Some(rest) = header
                .strip_prefix(self.cookie_name)
                .and_then(|r| r.strip_prefix('='))
            else {
                continue;
            };
            let value = rest.split(';').next().unwrap_or_default();
            let removed = value.is_empty() || header.contains("Max-Age=0");
            self.cookie = (!removed).then(|| value.to_owned());
        }
        page
    }

    /// GET a path inside the portal.
    pub async fn get(&mut self, path: &str) -> Page {
        let url = format!("{}{}", self.base, path);
        let request = self.request(reqwest::Method::GET, &url);
        self.send(request).await
    }

    /// Calls a server function the way the hydrated app does.
    pub async fn call(&mut self, fn_path: &str, form: &str) -> Page {
        let url = format!("{}{}", self.base, fn_path);
        let request = self
            .request(reqwest::Method::POST, &url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::ORIGIN, self.origin())
            .header("Sec-Fetch-Site", "same-origin")
            .body(form.to_owned());
        self.send(request).await
    }

    /// Submits a form as a browser with JavaScript off does.
    pub async fn submit(&mut self, fn_path: &str, form: &str, from_page: &str) -> Page {
        let url = format!("{}{}", self.base, fn_path);
        let referer = format!("{}{}{}", self.origin(), self.base, from_page);
        let request = self
            .app
            .request(reqwest::Method::POST, &self.host, &url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "text/html,application/xhtml+xml")
            .header(reqwest::header::ORIGIN, self.origin())
            .header(reqwest::header::REFERER, referer)
            .body(form.to_owned());
        self.send(request).await
    }

    /// Submits a form whose answer is a file: the status, headers and raw bytes.
    pub async fn download(
        &mut self,
        path: &str,
        form: &str,
    ) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
        let mut request = self
            .app
            .request(reqwest::Method::POST, &self.host, path)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ORIGIN, self.origin())
            .body(form.to_owned());
        if let Some(cookie) = &self.cookie {
            request = request.header(
                reqwest::header::COOKIE,
                format!("{}={cookie}", self.cookie_name),
            );
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body").to_vec();
        (status, headers, bytes)
    }

    /// Sends a multipart form (a file upload) to a server function, as the hydrated app does.
    pub async fn upload(&self, fn_path: &str, form: reqwest::multipart::Form) -> Page {
        let response = self
            .app
            .request(
                reqwest::Method::POST,
                &self.host,
                &format!("{}{}", self.base, fn_path),
            )
            .header(
                reqwest::header::COOKIE,
                format!(
                    "{}={}",
                    self.cookie_name,
                    self.cookie.clone().unwrap_or_default()
                ),
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::ORIGIN, self.origin())
            .multipart(form)
            .send()
            .await
            .expect("upload");
        Page::from(response).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        use app::api::auth::SignIn;
        use server_fn::ServerFn;
        let form = format!("email={}&password={}", enc(email), enc(password));
        let page = self.call(SignIn::PATH, &form).await;
        assert_eq!(page.status, 200, "sign-in as {email} failed: {}", page.body);
        page
    }
}

pub fn enc(s: &str) -> String {
    app::model::url::encode(s)
}

pub const PASSWORD: &str = "correct horse battery staple";

/// A person with a password, a member of `tx`'s tenant with `role`.
pub async fn create_person(db: &Db, tx: &TenantTx, email: &str, role: &str) -> Uuid {
    let id = match user_id(db, email).await {
        Some(id) => id,
        None => {
            let hash = app::data::passwords::hash(PASSWORD).expect("hash");
            users::create(
                tx,
                users::NewUser {
                    email,
                    display_name: email.split('@').next().unwrap_or(email),
                    password_hash: Some(hash),
                },
            )
            .await
            .expect("user")
            .id
        }
    };
    memberships::add(tx, id, role).await.expect("membership");
    id
}

/// The id of the person with this email, looked up as platform work (tests only).
pub async fn user_id(db: &Db, email: &str) -> Option<Uuid> {
    let platform = PlatformTx::begin(db, "test fixture")
        .await
        .expect("platform tx");
    let found = users::find_by_email_as_platform(&platform, email)
        .await
        .expect("lookup")
        .map(|u| u.id);
    platform.commit().await.expect("commit");
    found
}

/// An HTTP client that shows redirects instead of following them, as the tests inspect them.
fn no_redirect_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

// --- The console -------------------------------------------------------------------------------

/// A number from one SQL query run as the database owner (the tests' view past RLS).
pub async fn owner_scalar(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db
        .owner()
        .await
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            sql.to_owned(),
        ))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("a number")
}

/// Text from one SQL query run as the database owner.
pub async fn owner_text(app: &TestApp, sql: &str) -> String {
    use sea_orm::ConnectionTrait;
    app.db
        .owner()
        .await
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            sql.to_owned(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap()
}

/// The machine's Redis (`ATRIUM_TEST_REDIS_URL`, default 127.0.0.1:6379) when it answers PING;
/// otherwise `None`, and the caller skips what needs it, saying so.
pub async fn redis_url() -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let url = std::env::var("ATRIUM_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_owned());
    let host = url
        .trim_start_matches("redis://")
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let answer = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        let mut stream = tokio::net::TcpStream::connect(&host).await.ok()?;
        stream.write_all(b"PING\r\n").await.ok()?;
        let mut reply = [0u8; 7];
        stream.read_exact(&mut reply).await.ok()?;
        Some(reply)
    })
    .await
    .ok()
    .flatten();
    if answer.as_ref().is_some_and(|r| r == b"+PONG\r\n") {
        Some(url)
    } else {
        eprintln!(
            "SKIPPED: no Redis at {url}: set ATRIUM_TEST_REDIS_URL to run the shared-limit checks"
        );
        None
    }
}

/// Where a redirect points (empty when it does not).
pub fn location(page: &Page) -> String {
    page.headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Makes the person with `email` a super admin, as an operator does (the application cannot).
pub async fn make_super_admin(app: &TestApp, email: &str) {
    app.db
        .owner()
        .await
        .execute_unprepared(&format!(
            "UPDATE users SET is_super_admin = true WHERE email = '{email}'"
        ))
        .await
        .expect("grant the super-admin flag");
}

/// A browser signed in to the console at `host` through its form, as `email`.
pub async fn console_browser<'a>(app: &'a TestApp, host: &str, email: &str) -> Browser<'a> {
    use app::api::console::ConsoleSignIn;
    use server_fn::ServerFn;
    let mut b = Browser::console(app, host);
    let form = format!("email={}&password={}", enc(email), enc(PASSWORD));
    let page = b
        .submit(ConsoleSignIn::PATH, &form, "/console/signin")
        .await;
    assert_eq!(
        page.status, 302,
        "console sign-in as {email}: {}",
        page.body
    );
    b
}
