use super::layout::{AdminLayout, ui};
use crate::api::admin::branding::{
    RemoveBrandImage, SaveBranding, UploadBrandImage, admin_branding,
};
use crate::components::{BrandingFields, ErrorNotice, href};
use crate::model::admin::{BrandingView, MAX_TAGLINE};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    match code {
        "saved" => Some("Branding saved. Every visitor sees it from their next page."),
        "image" => Some("Image uploaded."),
        "removed" => Some("Image removed."),
        _ => None,
    }
}

/// Title, tagline, colours with a live preview and contrast check, logo and favicon.
#[component]
pub fn AdminBrandingPage() -> impl IntoView {
    let current = Resource::new(|| (), |_| admin_branding());
    view! {
        <Title text="Branding"/>
        <AdminLayout current="/admin/branding" title="Branding" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading branding…"</p> }>
                {move || Suspend::new(async move {
                    match current.await {
                        Ok(view) => view! { <Branding view/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn Branding(view: BrandingView) -> impl IntoView {
    view! {
        <div class="grid gap-8 lg:grid-cols-[1fr_20rem]">
            <form method="post" action=href(SaveBranding::url()) class=format!("{} grid gap-5 sm:grid-cols-2", ui::CARD) aria-label="Branding">
                <div class="sm:col-span-2">
                    <label for="brand-name" class=ui::LABEL>"Portal title"</label>
                    <input id="brand-name" name="form[name]" required maxlength="120" value=view.name.clone() class=ui::INPUT/>
                </div>
                <div class="sm:col-span-2">
                    <label for="brand-tagline" class=ui::LABEL>"Tagline"</label>
                    <input id="brand-tagline" name="form[tagline]" maxlength=MAX_TAGLINE.to_string() value=view.tagline.clone()
                        aria-describedby="tagline-help" class=ui::INPUT/>
                    <p id="tagline-help" class="mt-1 text-xs text-slate-600">"Shown under the title on the portal's home page. Leave empty for the default."</p>
                </div>
                <BrandingFields primary=view.primary.clone() secondary=view.secondary.clone() accent=view.accent.clone()/>
                <div class="sm:col-span-2">
                    <button type="submit" class=ui::PRIMARY>"Save branding"</button>
                </div>
            </form>
            <div class="space-y-6">
                <ImageForm kind="logo" label="Logo" current=view.logo.clone()/>
                <ImageForm kind="favicon" label="Favicon" current=view.favicon.clone()/>
            </div>
        </div>
    }
    .into_any()
}

/// Upload (or remove) the logo or the favicon: PNG, JPEG, GIF or WebP up to 2 MB, counted in
/// the plan's storage.
#[component]
fn ImageForm(kind: &'static str, label: &'static str, current: Option<String>) -> impl IntoView {
    let field = format!("{kind}-file");
    view! {
        <section class=ui::CARD aria-label=label>
            <h2 class="text-lg font-semibold text-slate-900">{label}</h2>
            {match current.clone() {
                Some(src) => view! { <img src=src alt=format!("Current {kind}") class="mt-3 h-16 w-16 rounded-md border border-slate-200 object-contain"/> }.into_any(),
                None => view! { <p class="mt-2 text-sm text-slate-600">"None yet: the portal shows its initials."</p> }.into_any(),
            }}
            <form method="post" enctype="multipart/form-data" action=href(UploadBrandImage::url()) class="mt-4 space-y-3">
                <input type="hidden" name="kind" value=kind/>
                <div>
                    <label for=field.clone() class=ui::LABEL>{format!("New {kind}")}</label>
                    <input id=field name="image" type="file" required accept="image/png,image/jpeg,image/gif,image/webp" class="mt-1 text-sm"/>
                    <p class="mt-1 text-xs text-slate-600">"PNG, JPEG, GIF or WebP, up to 2 MB."</p>
                </div>
                <button type="submit" class=ui::SMALL>{format!("Upload {kind}")}</button>
            </form>
            {current.is_some().then(|| view! {
                <form method="post" action=href(RemoveBrandImage::url()) class="mt-3">
                    <input type="hidden" name="kind" value=kind/>
                    <button type="submit" class=ui::DANGER>{format!("Remove {kind}")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
