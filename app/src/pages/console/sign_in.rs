use crate::api::console::ConsoleSignIn;
use crate::components::query_param;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};

/// The console's sign-in: a plain form, posted to the console's own address so its cookie is
/// set for `/console` only.
#[component]
pub fn ConsoleSignInPage() -> impl IntoView {
    let email = query_param("email").unwrap_or_default();
    let problem = query_param("error").and_then(|code| AppError::message_for_code(&code));
    view! {
        <Title text="Console sign-in"/>
        <Meta name="robots" content="noindex"/>
        <main class="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-16">
            <h1 class="text-2xl font-bold text-slate-900">"Sign in"</h1>
            <form method="post" action=ConsoleSignIn::url() class="mt-8 space-y-5" aria-label="Sign in">
                {problem.map(|message| view! {
                    <p role="alert" class="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{message}</p>
                })}
                <div>
                    <label for="email" class="block text-sm font-medium text-slate-700">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required value=email
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <div>
                    <label for="password" class="block text-sm font-medium text-slate-700">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required
                        class="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2"/>
                </div>
                <button type="submit" class="w-full rounded-md bg-slate-900 px-4 py-2.5 font-semibold text-white">
                    "Sign in"
                </button>
            </form>
        </main>
    }
}
