//! Reusable pieces of the tenant portal.

mod bar_chart;
mod branding_fields;
mod course_card;
mod disclosure_keys;
mod document_title;
mod feature_gate;
mod links;
mod notices;
mod progress_bar;
mod sparkline;
mod studio_gate;
mod subscription_badge;
mod support_banner;
mod tenant_form;
mod tenant_layout;
mod unsaved_guard;
mod user_menu;

pub use bar_chart::{BarChart, Series};
pub use branding_fields::BrandingFields;
pub use course_card::CourseCard;
pub use disclosure_keys::DisclosureKeys;
pub use document_title::document_title;
pub use feature_gate::FeatureGate;
#[cfg(not(feature = "ssr"))]
pub use links::set_browser_mode;
pub use links::{current_address, go_to, href, query_param, viewer_role};
pub use notices::{
    CardSkeletons, ErrorNotice, FormProblem, PageError, PageSkeleton, set_http_status,
};
pub use progress_bar::ProgressBar;
pub use sparkline::Sparkline;
pub use studio_gate::{FieldMessage, PermissionGate, StudioGate};
pub use subscription_badge::SubscriptionBadge;
pub use support_banner::SupportBanner;
pub use tenant_form::TenantForm;
pub use tenant_layout::TenantLayout;
pub use unsaved_guard::guard_unsaved_changes;
pub use user_menu::{UserMenu, go_on_success};
