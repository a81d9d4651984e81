//! The three brand colours with their contrast verdict and a live preview of the portal's
//! header, a link, a button and a course card: one lazily loaded island, used by the console's
//! tenant forms and the tenant admins' branding page. Without JavaScript the fields are plain
//! colour inputs and the server checks everything on submit.

use crate::model::HexColor;
use crate::model::branding::{ContrastVerdict, PAGE_BACKGROUND, contrast_verdict};
use leptos::prelude::*;

const LABEL: &str = "block text-sm font-medium text-slate-700";

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
