//! The Atrium server: configuration, start-up, tenant resolution and the HTTP router.

pub mod config;
pub mod database;
mod error_pages;
mod input_guard;
mod portal;
pub mod routes;
pub mod session_layer;
pub mod state;
pub mod telemetry;
pub mod tenancy;
pub mod welcome;

use app::data::{Db, demo};
use config::Config;
use leptos::config::LeptosOptions;
use state::AppState;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("database: {0}")]
    Unreachable(String),
    #[error("leptos configuration: {0}")]
    Leptos(String),
    #[error("could not listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
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
    let db = Db::connect(
        &config.app_database_url,
        &config.platform_database_url,
        config.db_max_connections,
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
    Ok(AppState {
        leptos,
        db,
        config: Arc::new(config),
        limiter: Arc::new(app::auth::SignInLimiter::new()),
    })
}

/// Leptos options from cargo-leptos's environment; when the binary runs on its own (tests, a
/// release deployment) the defaults match `[[workspace.metadata.leptos]]` in Cargo.toml.
pub fn leptos_options() -> Result<LeptosOptions, StartupError> {
    if std::env::var("LEPTOS_OUTPUT_NAME").is_ok() {
        let conf = leptos::config::get_configuration(None)
            .map_err(|e| StartupError::Leptos(e.to_string()))?;
        return Ok(conf.leptos_options);
    }
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    Ok(LeptosOptions::builder()
        .output_name("atrium")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .build())
}

/// Background upkeep every ten minutes: expired sessions are deleted and recovered sign-in limits
/// forgotten.
pub fn spawn_housekeeping(state: &AppState) {
    let (db, limiter) = (state.db.clone(), state.limiter.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            limiter.forget_recovered();
            match app::data::repos::portals::delete_expired_sessions(&db).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "expired sessions deleted"),
                Err(e) => tracing::warn!(error = %e, "could not delete expired sessions"),
            }
        }
    });
}
