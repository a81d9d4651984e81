use super::{ErrorNotice, set_http_status, viewer_role};
use crate::error::AppError;
use crate::model::{Feature, Permission, TenantSite};
use crate::pages::NotFoundPage;
use leptos::prelude::*;

/// Renders the studio for instructors, admins and owners; a 401 or 403 page for everyone else.
/// (The studio's server functions check the same on their own.)
#[component]
pub fn StudioGate(children: ChildrenFn) -> impl IntoView {
    let tenant = expect_context::<TenantSite>();
    if !tenant.features.has(Feature::Courses) {
        return view! { <NotFoundPage/> }.into_any();
    }
    view! {
        <PermissionGate permission=Permission::Teach note="The studio is for this organisation's instructors and admins.">
            {children()}
        </PermissionGate>
    }
    .into_any()
}

/// Renders its children for people holding `permission` here; a 401 page for visitors and a 403
/// page saying `note` for everyone else. Pages only: server functions check on their own.
#[component]
pub fn PermissionGate(
    permission: Permission,
    note: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    match viewer_role() {
        Some(Some(role)) if permission.allows(role) => children().into_any(),
        Some(_) => {
            set_http_status(403);
            view! {
                <div class="mx-auto max-w-3xl px-4 py-12">
                    <ErrorNotice error=AppError::Forbidden/>
                    <p class="mt-4 text-slate-600">{note}</p>
                </div>
            }
            .into_any()
        }
        None => {
            set_http_status(401);
            view! { <div class="mx-auto max-w-3xl px-4 py-12"><ErrorNotice error=AppError::Unauthorized/></div> }
                .into_any()
        }
    }
}

/// The message for one field of the last failed submission, shown under the field.
#[component]
pub fn FieldMessage(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    let message = move || match error.get() {
        Some(AppError::Invalid(list)) => {
            crate::model::studio::message_for(&list, field).map(str::to_owned)
        }
        _ => None,
    };
    view! {
        <Show when=move || message().is_some()>
            <p id=format!("{field}-error") class="mt-1 text-sm text-red-700" role="alert">{message}</p>
        </Show>
    }
}
