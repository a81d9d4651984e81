//! Integration tests: the real server and the real PostgreSQL, one database per test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod admin;
mod admission;
mod assets;
mod attacks;
mod auth;
mod billing;
mod billing_assessments;
mod billing_events;
mod billing_jobs;
mod billing_offers;
mod console;
mod console_access;
mod console_analytics;
mod console_audit;
mod console_domains;
mod console_lifecycle;
mod demo_data;
mod faults;
mod instances;
mod isolation;
mod jobs;
mod learning;
mod migrations;
mod provisioning;
mod query_counts;
mod resolution;
mod rls;
mod studio;
mod subscriptions;
mod support;
mod support_sessions;
mod tenant_cache;
mod tenant_deletion;
mod tenant_export;
mod usage;
