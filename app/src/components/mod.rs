//! Reusable pieces of the tenant portal.

mod course_card;
mod feature_gate;
mod links;
mod notices;
mod tenant_layout;

pub use course_card::CourseCard;
pub use feature_gate::FeatureGate;
pub use links::href;
pub use notices::{CardSkeletons, ErrorNotice, set_http_status};
pub use tenant_layout::TenantLayout;
