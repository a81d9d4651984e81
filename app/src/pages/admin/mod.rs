//! The portal's admin area at `/admin`: members, invitations and policies, for owners and admins.

mod invitations;
mod layout;
mod members;
mod policies;

pub use invitations::AdminInvitationsPage;
pub use members::AdminMembersPage;
pub use policies::AdminPoliciesPage;
