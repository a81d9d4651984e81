//! The root component: the platform's own pages, or one tenant's portal based at the prefix the
//! visitor arrived by (`/<slug>` or nothing), so links keep that mode. Rendered on the server
//! only: the browser hydrates the islands inside pages, not the router.

use crate::components::{TenantLayout, document_title};
use crate::model::Site;
use crate::pages::{
    AssessmentsPage, CatalogPage, CertificateLookupPage, CertificatePage, CommunityPage,
    CoursePage, DiscussionsPage, HandoffPage, InvitationPage, LessonPage, MyLearningPage,
    MySubscriptionPage, NotFoundPage, PayPage, PlatformHome, PricingPage, QuizPage, ShopPage,
    SignInPage, SignUpPage, SupportEntryPage, TenantHome, ThreadPage, admin, console, studio,
};
use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
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
                    <Route path=path!("console") view=console::ConsoleTenantsPage/>
                    <Route path=path!("console/signin") view=console::ConsoleSignInPage/>
                    <Route path=path!("console/jobs") view=console::ConsoleJobsPage/>
                    <Route path=path!("console/audit") view=console::ConsoleAuditPage/>
                    <Route path=path!("console/analytics") view=console::ConsoleAnalyticsPage/>
                    <Route path=path!("console/usage") view=console::ConsoleUsagePage/>
                    <Route path=path!("console/tenants/new") view=console::ConsoleNewTenantPage/>
                    <Route path=path!("console/tenants/:slug") view=console::ConsoleTenantPage/>
                </Routes>
            </Router>
        }
        .into_any(),
        Site::Tenant(tenant) => {
            let base = tenant.mode.prefix();
            let name = tenant.name.clone();
            provide_context(*tenant);
            view! {
                <Title formatter=move |text: String| document_title(&name, &text, true)/>
                <Router base=base>
                    <TenantLayout>
                        <Routes fallback=|| view! { <NotFoundPage/> }>
                            <Route path=path!("") view=TenantHome/>
                            <Route path=path!("courses") view=CatalogPage/>
                            <Route path=path!("courses/:slug") view=CoursePage/>
                            <Route path=path!("courses/:slug/lessons/:lesson_id") view=LessonPage/>
                            <Route path=path!("courses/:slug/discussions") view=DiscussionsPage/>
                            <Route path=path!("courses/:slug/discussions/:thread_id") view=ThreadPage/>
                            <Route path=path!("assessments") view=AssessmentsPage/>
                            <Route path=path!("assessments/:quiz_id") view=QuizPage/>
                            <Route path=path!("community") view=CommunityPage/>
                            <Route path=path!("shop") view=ShopPage/>
                            <Route path=path!("learning") view=MyLearningPage/>
                            <Route path=path!("certificates") view=CertificateLookupPage/>
                            <Route path=path!("certificates/:code") view=CertificatePage/>
                            <Route path=path!("pricing") view=PricingPage/>
                            <Route path=path!("pay/:invoice_id") view=PayPage/>
                            <Route path=path!("account/subscription") view=MySubscriptionPage/>
                            <Route path=path!("signin") view=SignInPage/>
                            <Route path=path!("signup") view=SignUpPage/>
                            <Route path=path!("auth/handoff") view=HandoffPage/>
                            <Route path=path!("invitation") view=InvitationPage/>
                            <Route path=path!("support") view=SupportEntryPage/>
                            <Route path=path!("studio") view=studio::StudioHomePage/>
                            <Route path=path!("studio/courses/:id") view=studio::StudioCoursePage/>
                            <Route path=path!("studio/courses/:id/lessons/:lesson_id") view=studio::StudioLessonPage/>
                            <Route path=path!("studio/courses/:id/quizzes/:quiz_id") view=studio::StudioQuizPage/>
                            <Route path=path!("studio/courses/:id/learners") view=studio::StudioLearnersPage/>
                            <Route path=path!("admin") view=admin::AdminMembersPage/>
                            <Route path=path!("admin/members") view=admin::AdminMembersPage/>
                            <Route path=path!("admin/invitations") view=admin::AdminInvitationsPage/>
                            <Route path=path!("admin/levels") view=admin::AdminLevelsPage/>
                            <Route path=path!("admin/policies") view=admin::AdminPoliciesPage/>
                            <Route path=path!("admin/plan") view=admin::AdminPlanPage/>
                            <Route path=path!("admin/branding") view=admin::AdminBrandingPage/>
                            <Route path=path!("admin/audit") view=admin::AdminAuditPage/>
                            <Route path=path!("admin/analytics") view=admin::AdminAnalyticsPage/>
                            <Route path=path!("admin/offers") view=admin::AdminOffersPage/>
                            <Route path=path!("admin/subscribers") view=admin::AdminSubscribersPage/>
                            <Route path=path!("admin/subscribers/:id") view=admin::AdminSubscriptionPage/>
                            <Route path=path!("admin/payments") view=admin::AdminPaymentsPage/>
                            <Route path=path!("admin/certificates") view=admin::AdminCertificatesPage/>
                        </Routes>
                    </TenantLayout>
                </Router>
            }
            .into_any()
        }
    }
}
