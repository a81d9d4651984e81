//! The "New tenant" form's live slug field, an island loaded only by this console page (`lazy`):
//! the slug is checked as it is typed. (The colours' preview is `components::BrandingFields`,
//! shared with the tenant admins' branding page.) Without JavaScript the same fields are plain
//! inputs and the server checks everything on submit.

use crate::api::console::console_check_slug;
use crate::model::console::SlugCheck;
use leptos::prelude::*;

const INPUT: &str = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
const LABEL: &str = "block text-sm font-medium text-slate-700";

/// The slug field. Each keystroke waits 300 ms for the next one before asking the server, and
/// only the answer to the latest question is shown.
#[island(lazy)]
pub fn SlugField(value: String) -> impl IntoView {
    let (check, set_check) = signal(None::<SlugCheck>);
    let asked = StoredValue::new(0u64);
    let on_input = move |ev: leptos::ev::Event| {
        let slug = event_target_value(&ev);
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        set_timeout(
            move || {
                if asked.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let answer = console_check_slug(slug).await.ok();
                    if asked.get_value() == mine {
                        set_check.set(answer);
                    }
                });
            },
            std::time::Duration::from_millis(300),
        );
    };
    let tone = move || match check.get() {
        Some(c) if c.available => "mt-1 text-sm text-emerald-700",
        Some(_) => "mt-1 text-sm text-red-700",
        None => "mt-1 text-sm",
    };
    view! {
        <div>
            <label for="tenant-slug" class=LABEL>"Web name (slug)"</label>
            <input id="tenant-slug" name="form[slug]" required value=value class=INPUT
                autocomplete="off" aria-describedby="tenant-slug-hint tenant-slug-check"
                on:input=on_input/>
            <p id="tenant-slug-hint" class="mt-1 text-xs text-slate-500">
                "Lower-case letters, digits and hyphens; the portal's address, e.g. /acme and acme.<domain>."
            </p>
            <p id="tenant-slug-check" class=tone aria-live="polite" data-testid="slug-check">
                {move || check.get().map(|c| c.message)}
            </p>
        </div>
    }
}
