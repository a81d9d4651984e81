//! One page per file.

mod assessments;
mod catalog;
mod checkout;
mod community;
pub mod console;
mod course;
mod discussions;
mod handoff;
mod lesson;
mod my_learning;
mod not_found;
mod platform_home;
mod quiz;
mod shop;
mod sign_in;
mod sign_up;
pub mod studio;
mod tenant_home;
mod thread;

pub use assessments::AssessmentsPage;
pub use catalog::CatalogPage;
pub use checkout::CheckoutPage;
pub use community::CommunityPage;
pub use course::CoursePage;
pub use discussions::DiscussionsPage;
pub use handoff::HandoffPage;
pub use lesson::LessonPage;
pub use my_learning::MyLearningPage;
pub use not_found::NotFoundPage;
pub use platform_home::PlatformHome;
pub use quiz::QuizPage;
pub use shop::ShopPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;
pub use tenant_home::TenantHome;
pub use thread::ThreadPage;
