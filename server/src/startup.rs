//! Start-up, shared by the binary and the test harness: configuration → database (reachable,
//! migrated, pools) → state → router → listener.

use crate::config::Config;
use crate::state::AppState;
use crate::{StartupError, database, routes};
use app::data::{Db, demo};
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::sync::Arc;

/// A server ready to run: state built, router made, address bound.
pub struct Application {
    listener: tokio::net::TcpListener,
    addr: SocketAddr,
    /// `/metrics`, on its own address.
    metrics: Option<tokio::net::TcpListener>,
    state: AppState,
}

impl Application {
    pub async fn build(config: Config, leptos: LeptosOptions) -> Result<Self, StartupError> {
        let wanted = config.listen_addr;
        let metrics_wanted = config.metrics_addr;
        crate::metrics::install();
        let mut state = prepare(config, leptos).await?;
        let (listener, addr) = bind(wanted).await?;
        let metrics = match metrics_wanted {
            Some(wanted) => {
                let (listener, addr) = bind(wanted).await?;
                state.edit().metrics_addr = Some(addr);
                Some(listener)
            }
            None => None,
        };
        Ok(Self {
            listener,
            addr,
            metrics,
            state,
        })
    }

    /// The address it listens on (the real port when the configuration asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Hands outgoing mail to `mailer` instead of the configured one (tests).
    pub fn with_mailer(mut self, mailer: Arc<dyn app::mail::Mailer>) -> Self {
        self.state.edit().mailer = mailer;
        self
    }

    /// Looks DNS up through `resolver` instead of the system's (tests).
    pub fn with_resolver(mut self, resolver: Arc<dyn app::dns::TxtResolver>) -> Self {
        self.state.edit().resolver = resolver;
        self
    }

    /// Serves until `shutdown` completes, with background upkeep running alongside. Then it stops
    /// accepting connections, lets requests in flight finish for up to the configured grace
    /// period, and closes the database pools.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        spawn_housekeeping(&self.state);
        spawn_jobs(&self.state);
        crate::usage::spawn_flushing(&self.state, std::time::Duration::from_secs(10));
        if let Some(listener) = self.metrics {
            let metrics = crate::metrics::router(self.state.clone());
            tracing::info!(addr = ?listener.local_addr().ok(), "metrics at /metrics");
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, metrics).await {
                    tracing::error!(error = %e, "the metrics listener stopped");
                }
            });
        }
        let usage = self.state.usage.clone();
        let (db, grace) = (self.state.db.clone(), self.state.config.shutdown_grace);
        let app = routes::router(self.state);
        let addr = self.addr;
        let (signalled, heard) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            shutdown.await;
            tracing::info!(
                grace_secs = grace.as_secs(),
                "stopping: finishing requests in flight"
            );
            let _ = signalled.send(());
        };
        let serve = axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .into_future();
        let overdue = async move {
            match heard.await {
                Ok(()) => tokio::time::sleep(grace).await,
                Err(_) => std::future::pending().await,
            }
        };
        let served = tokio::select! {
            served = serve => served,
            () = overdue => {
                tracing::warn!("requests still in flight after the grace period; stopping anyway");
                Ok(())
            }
        };
        // The last seconds' usage counts are written before the pool closes.
        if let Err(e) = usage.flush(&db).await {
            tracing::warn!(error = %e, "could not write the last tenant usage counts");
        }
        if let Err(e) = db.close().await {
            tracing::warn!(error = %e, "closing the database pools");
        }
        tracing::info!("stopped");
        served.map_err(|source| StartupError::Listen { addr, source })
    }
}

/// Listens on `wanted`, returning the address actually bound (the real port for port 0).
async fn bind(wanted: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr), StartupError> {
    let listen_error = |source| StartupError::Listen {
        addr: wanted,
        source,
    };
    let listener = tokio::net::TcpListener::bind(wanted)
        .await
        .map_err(listen_error)?;
    let addr = listener.local_addr().map_err(listen_error)?;
    Ok((listener, addr))
}

/// Migrates, connects as the application role, loads demo data if asked, and returns the state
/// the router serves.
pub async fn prepare(config: Config, leptos: LeptosOptions) -> Result<AppState, StartupError> {
    database::wait_until_reachable(&config.database_url)
        .await
        .map_err(StartupError::Unreachable)?;
    let passwords = database::RolePasswords {
        app: config.app_role_password.as_deref(),
        platform: config.platform_role_password.as_deref(),
    };
    database::migrate(&config.database_url, passwords).await?;
    let db = Db::connect_with(
        &config.app_database_url,
        &config.platform_database_url,
        app::data::PoolSettings {
            max_connections: config.db_max_connections,
            statement_timeout_ms: config.statement_timeout_ms,
        },
    )
    .await?;
    if config.load_demo_data {
        match demo::load_once(&db).await? {
            demo::Outcome::Loaded => {
                database::grant_super_admin(&config.database_url, demo::SUPER_ADMIN_EMAIL).await?;
                tracing::info!("demo data loaded");
            }
            demo::Outcome::AlreadyPresent => tracing::info!("demo data already present"),
        }
    }
    let mailer = app::mail::from_config(config.smtp_url.as_deref(), &config.mail_from).map_err(
        |reason| crate::config::ConfigError::Invalid {
            name: "ATRIUM_SMTP_URL / ATRIUM_MAIL_FROM",
            reason,
        },
    )?;
    // The simulated provider is the only one shipped; a real one plugs in behind the same trait.
    let payments: Arc<dyn app::billing::PaymentProvider> =
        Arc::new(app::billing::SimulatedProvider::new(db.clone()));
    let shared_limits = match &config.redis_url {
        Some(url) => Some(
            app::limits::SharedLimits::connect(url, &config.redis_prefix).map_err(|e| {
                crate::config::ConfigError::Invalid {
                    name: "ATRIUM_REDIS_URL",
                    reason: e.to_string(),
                }
            })?,
        ),
        None => None,
    };
    let admission = Arc::new(crate::admission::Admission::new(
        config.admission,
        shared_limits.clone(),
    ));
    Ok(AppState::new(crate::state::Parts {
        leptos,
        db,
        mailer,
        payments,
        config: Arc::new(config),
        limiter: Arc::new(app::auth::SignInLimiter::new().shared(shared_limits)),
        event_limiter: Arc::new(app::billing::EventLimiter::new()),
        admission,
        usage: Arc::new(crate::usage::UsageRecorder::default()),
        metrics_addr: None,
        resolver: app::dns::system_or_none(),
    }))
}

/// Leptos options from cargo-leptos's environment; when the binary runs on its own (tests, a
/// release deployment) the defaults match `[[workspace.metadata.leptos]]` in Cargo.toml.
/// Whether file names are hashed is decided the same way in both cases, because an exported
/// `LEPTOS_OUTPUT_NAME` (as `scripts/test` has) does not mean cargo-leptos set the rest.
pub fn leptos_options() -> Result<LeptosOptions, StartupError> {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf));
    let hash_files = hash_files_enabled(
        std::env::var("LEPTOS_HASH_FILES").ok().as_deref(),
        exe_dir.as_deref(),
    );
    if std::env::var("LEPTOS_OUTPUT_NAME").is_ok() {
        let mut options = leptos::config::get_configuration(None)
            .map_err(|e| StartupError::Leptos(e.to_string()))?
            .leptos_options;
        options.hash_files = hash_files;
        return Ok(options);
    }
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    Ok(LeptosOptions::builder()
        .output_name("atrium")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .hash_files(hash_files)
        .build())
}

/// `LEPTOS_HASH_FILES` when set; otherwise whether cargo-leptos wrote the hashed names
/// (`hash.txt`) next to the binary it built.
fn hash_files_enabled(env: Option<&str>, exe_dir: Option<&std::path::Path>) -> bool {
    match env {
        Some(value) => value == "true",
        None => exe_dir.is_some_and(|dir| dir.join("hash.txt").is_file()),
    }
}

/// Background upkeep every ten minutes: expired sessions and old usage minutes are deleted and
/// recovered sign-in and payment-event limits forgotten.
pub fn spawn_housekeeping(state: &AppState) {
    let (db, limiter) = (state.db.clone(), state.limiter.clone());
    let event_limiter = state.event_limiter.clone();
    let admission = state.admission.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            limiter.forget_recovered();
            event_limiter.forget_recovered();
            admission.forget_recovered();
            match app::data::repos::tenant_usage::prune(&db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(minutes = n, "old tenant usage deleted"),
                Err(e) => tracing::warn!(error = %e, "could not delete old tenant usage"),
            }
            match app::data::repos::portals::delete_expired_sessions(&db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "expired sessions deleted"),
                Err(e) => tracing::warn!(error = %e, "could not delete expired sessions"),
            }
        }
    });
}

/// Works the background job queue in this process every five seconds, unless ATRIUM_JOBS=off.
pub fn spawn_jobs(state: &AppState) {
    if !state.config.jobs {
        tracing::info!("background jobs are off in this instance (ATRIUM_JOBS=off)");
        return;
    }
    let worker = app::jobs::Worker::new(
        state.db.clone(),
        Arc::new(app::jobs::SystemClock),
        state.config.upload_dir.clone(),
    )
    .with_mailer(state.mailer.clone())
    .with_payments(state.payments.clone());
    worker.spawn(std::time::Duration::from_secs(5));
}

#[cfg(test)]
mod tests {
    use super::hash_files_enabled;

    #[test]
    fn hashed_names_follow_the_variable_then_the_hash_file() {
        let dir = std::env::temp_dir().join(format!("atrium-hash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        assert!(!hash_files_enabled(None, Some(&dir)));
        assert!(!hash_files_enabled(None, None));
        std::fs::write(dir.join("hash.txt"), "js: abc\n").expect("hash file");
        assert!(hash_files_enabled(None, Some(&dir)));
        assert!(!hash_files_enabled(Some("false"), Some(&dir)));
        assert!(hash_files_enabled(Some("true"), None));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
