//! The server-only data layer. Tenant scoping is enforced here, in one place:
//!
//! - `tenancy` turns a slug or host into a `ResolvedTenant`; only an active, resolved tenant can
//!   open a `TenantTx`.
//! - `db::TenantTx` is a transaction with `app.tenant_id` set locally; every repository function
//!   for tenant data takes one and also filters by its tenant id.
//! - PostgreSQL Row-Level Security (migrations/) is the backstop if a filter is ever forgotten.
//! - A request holds at most one pooled connection at a time (see `db`): the session and viewer
//!   are read first, in their own transaction (`session_store::load_with_person`), and
//!   repositories run only on the transaction they are given.

pub mod console_session_store;
pub mod db;
pub mod db_clock;
pub mod demo;
pub mod entities;
pub mod export;
pub mod passwords;
pub mod repos;
mod scoped_conn;
pub mod session_store;
pub mod tenancy;
pub mod tenant_cache;

pub use db::{Db, PlatformTx, PoolSettings, TenantTx, begin_background};

pub use tenancy::{Lookup, ResolvedTenant};
