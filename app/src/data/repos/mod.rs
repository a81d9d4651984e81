//! Repositories, one per entity. Tenant-data functions take a `TenantTx` and filter by its tenant
//! id as well; `users` is global identity and takes the pool; `tenants` takes a `PlatformTx`.

pub mod audit;
pub mod audit_trail;
pub mod certificates;
pub mod console_sessions;
pub mod course_access;
pub mod course_products;
pub mod courses;
pub mod discussions;
pub mod enrollments;
pub mod invitations;
pub mod jobs;
pub mod lessons;
pub mod levels;
pub mod members;
pub mod memberships;
pub mod modules;
pub mod outbox;
pub mod payments;
pub mod plans;
pub mod platform_analytics;
pub mod platform_audit;
pub mod portals;
pub mod quizzes;
pub mod quotas;
pub mod sessions;
pub mod simulated_payments;
pub mod subscriptions;
pub mod support_sessions;
pub mod tenant_analytics;
pub mod tenant_audit;
pub mod tenant_directory;
pub mod tenant_overview;
pub mod tenant_usage;
pub mod tenants;
pub mod users;

/// Who is looking, as far as course visibility goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone: public, published courses only.
    Public,
    /// A member of the tenant: members-only courses too (still published only).
    Members,
}

/// The result of a save guarded by a version number (optimistic concurrency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Saved; this is the new version.
    Done(i32),
    /// Someone saved it since the caller's version: nothing was changed.
    Conflict,
    /// No such row in this tenant.
    Missing,
}
