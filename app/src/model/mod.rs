//! Types shared by the server and the browser: validated values and the DTOs that cross the wire.

pub mod admin;
pub mod analytics;
pub mod audit_trail;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod certificate;
pub mod console;
pub mod course;
pub mod csv;
pub mod features;
pub mod form_error;
pub mod jobs;
pub mod learning;
pub mod levels;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod new_tenant;
pub mod payments;
pub mod permission;
pub mod plans;
pub mod portal;
pub mod site;
pub mod slug;
pub mod studio;
pub mod subscription;
pub mod support;
pub mod tenant_edit;
pub mod url;
pub mod usage;

pub use auth::{HandoffPerson, InvitationInfo, PortalLink, Role, ViewerInfo};
pub use branding::{AssetUrl, Branding, HexColor};
pub use course::{AccessLevel, CourseDetail, CourseSummary, LessonOutline, ModuleOutline};
pub use features::{Feature, Features};
pub use form_error::FormError;
pub use permission::Permission;
pub use portal::{Origin, PortalMode};
pub use site::{Site, TenantSite, Tier};
pub use slug::{CourseSlug, TenantSlug};
