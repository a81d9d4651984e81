//! The root component: the platform's own pages, or one tenant's portal based at the prefix the
//! visitor arrived by (`/<slug>` or nothing), so links and client navigation keep that mode.

use crate::components::{TenantLayout, document_title};
use crate::model::Site;
use crate::pages::{NotFoundPage, PlatformHome};
use crate::routes::*;
use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::Lazy;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App(site: Site) -> impl IntoView {
    provide_meta_context();
    match site {
        Site::Platform => view! {
            <Title formatter=|text: String| document_title("Atrium", &text, false)/>
            <Router>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("") view=PlatformHome/>
                </Routes>
            </Router>
        }
        .into_any(),
        Site::Tenant(tenant) => {
            let base = tenant.mode.prefix();
            let name = tenant.name.clone();
            provide_context(tenant);
            view! {
                <Title formatter=move |text: String| document_title(&name, &text, true)/>
                <Router base=base>
                    <TenantLayout>
                        <Routes fallback=|| view! { <NotFoundPage/> }>
                            <Route path=path!("") view={Lazy::<HomeRoute>::new()}/>
                            <Route path=path!("courses") view={Lazy::<CatalogRoute>::new()}/>
                            <Route path=path!("courses/:slug") view={Lazy::<CourseRoute>::new()}/>
                            <Route path=path!("courses/:slug/lessons/:lesson_id") view={Lazy::<LessonRoute>::new()}/>
                            <Route path=path!("courses/:slug/discussions") view={Lazy::<DiscussionsRoute>::new()}/>
                            <Route path=path!("courses/:slug/discussions/:thread_id") view={Lazy::<ThreadRoute>::new()}/>
                            <Route path=path!("assessments") view={Lazy::<AssessmentsRoute>::new()}/>
                            <Route path=path!("assessments/:quiz_id") view={Lazy::<QuizRoute>::new()}/>
                            <Route path=path!("community") view={Lazy::<CommunityRoute>::new()}/>
                            <Route path=path!("shop") view={Lazy::<ShopRoute>::new()}/>
                            <Route path=path!("checkout/:order_id") view={Lazy::<CheckoutRoute>::new()}/>
                            <Route path=path!("learning") view={Lazy::<LearningRoute>::new()}/>
                            <Route path=path!("signin") view={Lazy::<SignInRoute>::new()}/>
                            <Route path=path!("signup") view={Lazy::<SignUpRoute>::new()}/>
                            <Route path=path!("auth/handoff") view={Lazy::<HandoffRoute>::new()}/>
                            <Route path=path!("studio") view={Lazy::<StudioHomeRoute>::new()}/>
                            <Route path=path!("studio/courses/:id") view={Lazy::<StudioCourseRoute>::new()}/>
                            <Route path=path!("studio/courses/:id/lessons/:lesson_id") view={Lazy::<StudioLessonRoute>::new()}/>
                            <Route path=path!("studio/courses/:id/quizzes/:quiz_id") view={Lazy::<StudioQuizRoute>::new()}/>
                            <Route path=path!("studio/courses/:id/learners") view={Lazy::<StudioLearnersRoute>::new()}/>
                        </Routes>
                    </TenantLayout>
                </Router>
            }
            .into_any()
        }
    }
}
