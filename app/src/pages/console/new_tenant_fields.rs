//! The "New tenant" form's live parts, an island loaded only by this console page (`lazy`): the
//! slug is checked as it is typed, and the colours show a preview of the portal with their
//! contrast verdict. Without JavaScript the same fields are plain inputs and the server checks
//! everything on submit.

use crate::api::console::console_check_slug;
use crate::model::HexColor;
use crate::model::branding::{ContrastVerdict, PAGE_BACKGROUND, contrast_verdict};
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

/// The colour typed and the text colour that reads on it, or `fallback` (with white text) while
/// what is typed is not a colour.
fn colour(typed: &str, fallback: &'static str) -> (String, &'static str) {
    match HexColor::parse(typed.trim()) {
        Ok(c) => (c.as_str().to_owned(), c.readable_text()),
        Err(_) => (fallback.to_owned(), "#FFFFFF"),
    }
}

fn verdict_text(primary: &HexColor) -> &'static str {
    match contrast_verdict(primary) {
        ContrastVerdict::Good => "Readable: the primary colour reaches 4.5:1 on the page.",
        ContrastVerdict::Weak => {
            "Weak: under 4.5:1 on the page, fine for large headings only. It can be saved."
        }
        ContrastVerdict::Unreadable => {
            "Unreadable: under 3:1 on the page. Choose a darker colour; this one will be refused."
        }
    }
}

/// The three colours and a preview of the portal's header, a link, a button and a course card.
#[island(lazy)]
pub fn BrandingFields(primary: String, secondary: String, accent: String) -> impl IntoView {
    let (primary, set_primary) = signal(primary);
    let (secondary, set_secondary) = signal(secondary);
    let (accent, set_accent) = signal(accent);
    let p = move || colour(&primary.get(), "#1D4A38");
    let s = move || colour(&secondary.get(), "#475569");
    let a = move || colour(&accent.get(), "#B2613E");
    let field = move |name: &'static str,
                      label: &'static str,
                      value: ReadSignal<String>,
                      set: WriteSignal<String>| {
        let id = format!("tenant-{name}");
        view! {
            <div>
                <label for=id.clone() class=LABEL>{label}</label>
                <input id=id name=format!("form[{name}]") type="color" prop:value=value
                    class="mt-1 h-10 w-full rounded-md border border-slate-300 bg-white"
                    on:input=move |ev| set.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <div class="grid gap-5 sm:col-span-2 sm:grid-cols-3">
            {field("primary", "Primary colour", primary, set_primary)}
            {field("secondary", "Secondary colour", secondary, set_secondary)}
            {field("accent", "Accent colour", accent, set_accent)}
        </div>
        <p class="sm:col-span-2 text-sm" aria-live="polite" data-testid="contrast">
            {move || HexColor::parse(primary.get().trim()).ok().map(|c| verdict_text(&c))}
        </p>
        <div class="sm:col-span-2 overflow-hidden rounded-lg border border-slate-200" data-testid="branding-preview"
            aria-label="Preview of the portal">
            <div class="px-4 py-3 font-semibold"
                style=move || { let (bg, fg) = p(); format!("background:{bg};color:{fg}") }>
                "Portal header"
            </div>
            <div class="flex flex-wrap items-start gap-4 p-4" style=format!("background:{PAGE_BACKGROUND}")>
                <div class="space-y-2">
                    <p class="font-semibold" style=move || format!("color:{}", p().0)>"A heading in the primary colour"</p>
                    <span class="underline" style=move || format!("color:{}", p().0)>"A link"</span>
                </div>
                <span class="rounded-md px-4 py-2 font-semibold"
                    style=move || { let (bg, fg) = p(); format!("background:{bg};color:{fg}") }>
                    "Enrol"
                </span>
                <div class="w-56 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                    <div class="mb-3 h-1.5 w-12 rounded-full" style=move || format!("background:{}", s().0)></div>
                    <p class="font-semibold text-slate-900">"A course card"</p>
                    <span class="mt-2 inline-block rounded-full px-2.5 py-1 text-xs font-medium"
                        style=move || { let (bg, fg) = a(); format!("background:{bg};color:{fg}") }>
                        "$49.00"
                    </span>
                </div>
            </div>
        </div>
    }
}
