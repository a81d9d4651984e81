//! The portal's admin area at `/admin`: members, invitations, member levels and policies, for owners and admins.

mod invitations;
mod layout;
mod levels;
mod members;
mod plan;
mod policies;

pub use invitations::AdminInvitationsPage;
pub use levels::AdminLevelsPage;
pub use members::AdminMembersPage;
pub use plan::AdminPlanPage;
pub use policies::AdminPoliciesPage;
