//! The studio's islands start from what the server rendered and read it again after each change.
//! (An island holds the data as props rather than as a resource: a `Suspense` inside an island
//! does not hydrate.)

use crate::error::AppError;
use leptos::prelude::*;

/// `initial`, replaced by `load()`'s answer whenever `version()` changes. A failed reload keeps
/// what is shown; the action that failed reports its own error next to its form.
pub fn refreshed<T, F, Fut>(
    initial: T,
    version: impl Fn() -> usize + Send + Sync + 'static,
    load: F,
) -> ReadSignal<T>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + 'static,
{
    let (value, set_value) = signal(initial);
    Effect::new(move |seen: Option<usize>| {
        let now = version();
        if seen.is_some_and(|seen| seen != now) {
            let reload = load();
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = reload.await {
                    set_value.set(fresh);
                }
            });
        }
        now
    });
    value
}
