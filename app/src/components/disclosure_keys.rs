//! Keyboard and pointer manners for the `<details>` menus and inline forms (account menu,
//! "Revoke…", "Refund…", "Edit"): Escape closes the one holding focus and puts focus back on its
//! summary; a click outside an open menu (`details[data-menu]`) closes it. `<details>` itself
//! opens and closes with Enter and Space, with or without JavaScript; this only adds what the
//! element lacks. One island per page frame, listening on the document.

use leptos::prelude::*;

#[island]
pub fn DisclosureKeys() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::{Element, HtmlElement};

        fn close(details: &Element) {
            let _ = details.remove_attribute("open");
            if let Some(summary) = details
                .query_selector(":scope > summary")
                .ok()
                .flatten()
                .and_then(|s| s.dyn_into::<HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        }

        let keys = window_event_listener(leptos::ev::keydown, |ev| {
            if ev.key() != "Escape" {
                return;
            }
            let open = document()
                .active_element()
                .and_then(|el| el.closest("details[open]").ok().flatten());
            if let Some(details) = open {
                ev.prevent_default();
                close(&details);
            }
        });
        let clicks = window_event_listener(leptos::ev::click, |ev| {
            let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Ok(menus) = document().query_selector_all("details[data-menu][open]") else {
                return;
            };
            for i in 0..menus.length() {
                let Some(menu) = menus.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                if !target.as_ref().is_some_and(|t| menu.contains(Some(t))) {
                    let _ = menu.remove_attribute("open");
                }
            }
        });
        on_cleanup(move || {
            keys.remove();
            clicks.remove();
        });
    }
}
