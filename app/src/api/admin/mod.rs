//! The portal's admin area: owners and admins run their organisation. Every function's first
//! line is `guards::admin`, so instructors and members get 403 and visitors 401 whatever the
//! page shows; ids are looked up inside this tenant's transaction only (another tenant's are 404).

pub mod analytics;
pub mod assessments_sale;
pub mod audit;
pub mod branding;
pub mod invitations;
pub mod levels;
pub mod members;
pub mod offers;
pub mod payments;
pub mod plan;
pub mod policies;
pub mod subscriptions;
