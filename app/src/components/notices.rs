use crate::error::AppError;
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

/// A plain-language error, announced to screen readers.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let heading = match error {
        AppError::NotFound | AppError::FeatureDisabled => "Not found",
        AppError::Unauthorized | AppError::Forbidden => "No access",
        AppError::Network => "Connection problem",
        _ => "Something went wrong",
    };
    view! {
        <div role="alert" class="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
            <p class="font-semibold">{heading}</p>
            <p class="mt-1 text-sm">{error.to_string()}</p>
        </div>
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
