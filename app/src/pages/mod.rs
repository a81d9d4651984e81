//! One page per file.

mod assessments;
mod catalog;
mod community;
mod course;
mod not_found;
mod platform_home;
mod shop;
mod tenant_home;

pub use assessments::AssessmentsPage;
pub use catalog::CatalogPage;
pub use community::CommunityPage;
pub use course::CoursePage;
pub use not_found::NotFoundPage;
pub use platform_home::PlatformHome;
pub use shop::ShopPage;
pub use tenant_home::TenantHome;
