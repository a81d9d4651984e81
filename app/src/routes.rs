//! The portal's pages as lazily loaded routes: each page's code is its own piece of the
//! WebAssembly bundle (`cargo leptos build --split`), fetched when the page is first shown, so a
//! learner reading a lesson never downloads the studio, and the first page load carries only the
//! frame (layout, navigation, account menu) and the page at hand.

use crate::pages::{
    AssessmentsPage, CatalogPage, CheckoutPage, CommunityPage, CoursePage, DiscussionsPage,
    HandoffPage, LessonPage, MyLearningPage, QuizPage, ShopPage, SignInPage, SignUpPage,
    TenantHome, ThreadPage, studio,
};
use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

/// A route whose view is `$page`, loaded lazily. Pages load their own data (resources), so the
/// route has none to start early.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(HomeRoute, TenantHome);
lazy_page!(CatalogRoute, CatalogPage);
lazy_page!(CourseRoute, CoursePage);
lazy_page!(LessonRoute, LessonPage);
lazy_page!(DiscussionsRoute, DiscussionsPage);
lazy_page!(ThreadRoute, ThreadPage);
lazy_page!(AssessmentsRoute, AssessmentsPage);
lazy_page!(QuizRoute, QuizPage);
lazy_page!(CommunityRoute, CommunityPage);
lazy_page!(ShopRoute, ShopPage);
lazy_page!(CheckoutRoute, CheckoutPage);
lazy_page!(LearningRoute, MyLearningPage);
lazy_page!(SignInRoute, SignInPage);
lazy_page!(SignUpRoute, SignUpPage);
lazy_page!(HandoffRoute, HandoffPage);
lazy_page!(StudioHomeRoute, studio::StudioHomePage);
lazy_page!(StudioCourseRoute, studio::StudioCoursePage);
lazy_page!(StudioLessonRoute, studio::StudioLessonPage);
lazy_page!(StudioQuizRoute, studio::StudioQuizPage);
lazy_page!(StudioLearnersRoute, studio::StudioLearnersPage);
