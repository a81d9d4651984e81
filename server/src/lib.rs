//! The Atrium server: configuration, start-up, tenant resolution and the HTTP router.
//!
//! A request travels: `tenancy::resolve_layer` (the site, from host and path) →
//! `session_layer::layer` (session and viewer, loaded once; `console_layer` for the console) → a route in `routes` (server
//! function, media, download or page) → `app` (server functions, repositories in a tenant
//! transaction) → PostgreSQL, with Row-Level Security as the backstop.

pub mod admission;
pub mod certificate_pdf;
pub mod client_address;
pub mod config;
pub mod console_layer;
pub mod database;
mod error_pages;
mod input_guard;
pub mod metrics;
pub mod routes;
pub mod session_layer;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tenancy;
pub mod usage;
pub mod welcome;

pub use startup::{Application, leptos_options, prepare};

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
