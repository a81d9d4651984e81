use super::{current_address, href, query_param};
use crate::error::AppError;
use crate::model::FormError;
use leptos::prelude::*;

/// Sets the response status while rendering on the server; does nothing in the browser.
pub fn set_http_status(_status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(_status),
    ) {
        options.set_status(code);
    }
}

/// A plain-language error, announced to screen readers, with the obvious next step.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let here = current_address();
    let (heading, action) = match error {
        AppError::NotFound | AppError::FeatureDisabled => ("Not found", None),
        AppError::Unauthorized => (
            "Please sign in",
            Some((
                "Sign in",
                format!(
                    "{}?next={}",
                    href("/signin"),
                    crate::model::url::encode(&here)
                ),
            )),
        ),
        AppError::Forbidden => ("No access", None),
        AppError::Network => ("Connection problem", None),
        AppError::Form(FormError::SubscriptionRequired | FormError::AssessmentsRequired) => {
            ("Locked", Some(("See plans and pricing", href("/pricing"))))
        }
        AppError::Form(FormError::LevelRequired | FormError::SubscriptionSuspended) => {
            ("Locked", None)
        }
        AppError::Form(_) | AppError::BadRequest(_) => ("Please check and try again", None),
        AppError::RateLimited { .. } => ("Slow down", None),
        AppError::Busy => ("Please try again in a moment", None),
        _ => ("Something went wrong", None),
    };
    view! {
        <div role="alert" class="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
            <p class="font-semibold">{heading}</p>
            <p class="mt-1 text-sm">{error.to_string()}</p>
            {action.map(|(label, link)| view! {
                <a
                    class="mt-3 inline-block rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-brand-contrast"
                    href=link
                >
                    {label}
                </a>
            })}
        </div>
    }
}

/// What a page shows when its data could not be loaded: the portal's 404 page for something that
/// is not there (or a feature that is off), otherwise the plain-language notice. The one place
/// pages turn a failed load into a page.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    match error {
        AppError::NotFound | AppError::FeatureDisabled => {
            view! { <crate::pages::NotFoundPage/> }.into_any()
        }
        error => view! {
            <div class="mx-auto max-w-3xl px-4 py-12 sm:px-6"><ErrorNotice error/></div>
        }
        .into_any(),
    }
}

/// The error of the last submission of a form, whether it came back to the hydrated page or
/// (without JavaScript) in the `error` query parameter.
#[component]
pub fn FormProblem(#[prop(into)] from_action: Signal<Option<AppError>>) -> impl IntoView {
    let from_page =
        StoredValue::new(query_param("error").and_then(|code| AppError::message_for_code(&code)));
    let message = move || {
        from_action
            .get()
            .map(|e| e.to_string())
            .or_else(|| from_page.get_value())
    };
    view! {
        <Show when=move || message().is_some()>
            <p role="alert" class="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
                {message}
            </p>
        </Show>
    }
}

/// Placeholder cards while courses load.
#[component]
pub fn CardSkeletons(#[prop(default = 3)] count: usize) -> impl IntoView {
    view! {
        <div class="grid gap-6 sm:grid-cols-2 lg:grid-cols-3" aria-busy="true" aria-label="Loading courses">
            {(0..count)
                .map(|_| {
                    view! {
                        <div class="h-40 animate-pulse rounded-xl border border-slate-200 bg-white p-5">
                            <div class="h-5 w-2/3 rounded bg-slate-200"></div>
                            <div class="mt-4 h-3 w-full rounded bg-slate-100"></div>
                            <div class="mt-2 h-3 w-5/6 rounded bg-slate-100"></div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A loading placeholder for a page body.
#[component]
pub fn PageSkeleton(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <div class="mx-auto max-w-4xl animate-pulse px-4 py-12 sm:px-6" aria-busy="true" aria-label=label>
            <div class="h-8 w-1/2 rounded bg-slate-200"></div>
            <div class="mt-4 h-4 w-3/4 rounded bg-slate-100"></div>
            <div class="mt-2 h-4 w-2/3 rounded bg-slate-100"></div>
        </div>
    }
}
