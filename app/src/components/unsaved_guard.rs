//! Warns before unsaved edits are lost: on closing or reloading the tab (`beforeunload`) and on
//! following a link (asked on `document`, so a "Cancel" keeps the page).

use leptos::prelude::*;

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub const LEAVE_WARNING: &str = "You have unsaved changes. Leave this page and lose them?";

pub fn guard_unsaved_changes(dirty: RwSignal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::wasm_bindgen::closure::Closure;

        let is_dirty = move || dirty.try_get_untracked().unwrap_or(false);
        let before_unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if is_dirty() {
                ev.prevent_default();
                ev.set_return_value(LEAVE_WARNING);
            }
        });
        let on_click = Closure::<dyn Fn(leptos::web_sys::MouseEvent)>::new(
            move |ev: leptos::web_sys::MouseEvent| {
                let on_link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten())
                    .is_some();
                if on_link
                    && is_dirty()
                    && !window().confirm_with_message(LEAVE_WARNING).unwrap_or(true)
                {
                    ev.prevent_default();
                }
            },
        );
        let _ =
            document().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        let listener = StoredValue::new_local(on_click);
        on_cleanup(move || {
            before_unload.remove();
            listener.try_with_value(|f| {
                let _ = document()
                    .remove_event_listener_with_callback("click", f.as_ref().unchecked_ref());
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = dirty;
}
