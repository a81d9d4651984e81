//! SeaORM entities, one per table. Plain data: behaviour lives in `repos`, and none of these types
//! leave the server (pages get DTOs from `crate::model`).

pub mod audit_log;
pub mod course;
pub mod enrollment;
pub mod lesson;
pub mod lesson_progress;
pub mod membership;
pub mod module;
pub mod tenant;
pub mod tenant_domain;
pub mod user;
