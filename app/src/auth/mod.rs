//! Who is asking and what they may do. Server-only; every server function goes through
//! `Viewer::require` for anything beyond public reading.

pub mod console;
mod rate_limit;
pub mod session;
mod viewer;

pub use crate::model::Permission;
pub use rate_limit::{RateLimited, SignInLimiter};
pub use viewer::{Member, Viewer};
