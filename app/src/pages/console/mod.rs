//! The platform console's pages (`/console` on the platform host). Rendered on the server only,
//! with plain forms: nothing here needs JavaScript. The console layer (server/src/console_layer.rs)
//! answers 404 before any of these render unless a super admin is signed in (sign-in excepted).

mod analytics;
mod audit;
mod deletion;
mod domains;
mod export;
mod jobs;
mod layout;
mod lifecycle;
mod new_tenant;
mod new_tenant_fields;
mod overview;
mod settings;
mod sign_in;
mod support;
mod tenant;
mod tenants;
mod usage;

pub use analytics::ConsoleAnalyticsPage;
pub use audit::ConsoleAuditPage;
pub use jobs::ConsoleJobsPage;
pub use new_tenant::ConsoleNewTenantPage;
pub use sign_in::ConsoleSignInPage;
pub use tenant::ConsoleTenantPage;
pub use tenants::ConsoleTenantsPage;
pub use usage::ConsoleUsagePage;
