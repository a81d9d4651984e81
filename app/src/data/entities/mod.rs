//! SeaORM entities, one per table. Plain data: behaviour lives in `repos`, and none of these types
//! leave the server (pages get DTOs from `crate::model`).

pub mod audit_log;
pub mod course;
pub mod discussion_reply;
pub mod discussion_thread;
pub mod enrollment;
pub mod handoff_token;
pub mod lesson;
pub mod lesson_progress;
pub mod membership;
pub mod module;
pub mod quiz;
pub mod quiz_attempt;
pub mod quiz_option;
pub mod quiz_question;
pub mod session;
pub mod tenant;
pub mod tenant_domain;
pub mod user;
