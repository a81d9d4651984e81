//! Server functions, grouped by domain. Each one resolves its scope from the request (never from
//! its arguments), checks features and permissions, and returns DTOs.

pub mod admin;
pub mod assessments;
pub mod auth;
pub mod billing;
pub mod catalog;
pub mod certificates;
pub mod community;
pub mod console;
pub mod console_domains;
pub mod invitations;
pub mod learning;
pub mod studio;
pub mod support;
