//! Integration tests: the real server and the real PostgreSQL, one database per test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod demo_data;
mod resolution;
mod rls;
mod support;
