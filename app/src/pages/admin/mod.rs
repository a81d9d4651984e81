//! The portal's admin area at `/admin`: members, invitations, member levels, branding, policies, plan and usage, offers, subscribers, payments and certificates, the audit log and analytics, for owners and admins.

mod analytics;
mod audit;
mod branding;
mod certificates;
mod invitations;
mod layout;
mod levels;
mod members;
mod offers;
mod payments;
mod plan;
mod policies;
mod subscribers;

pub use analytics::AdminAnalyticsPage;
pub use audit::AdminAuditPage;
pub use branding::AdminBrandingPage;
pub use certificates::AdminCertificatesPage;
pub use invitations::AdminInvitationsPage;
pub use levels::AdminLevelsPage;
pub use members::AdminMembersPage;
pub use offers::AdminOffersPage;
pub use payments::AdminPaymentsPage;
pub use plan::AdminPlanPage;
pub use policies::AdminPoliciesPage;
pub use subscribers::{AdminSubscribersPage, AdminSubscriptionPage};
