use super::layout::{AdminLayout, ui};
use crate::api::admin::invitations::{
    InviteMember, RenewInvitation, RevokeInvitation, admin_invitations,
};
use crate::components::{ErrorNotice, href, query_param};
use crate::model::Role;
use crate::model::admin::{InvitationLink, InvitationList, InvitationRow, InvitationState};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    match code {
        "revoked" => Some("Invitation revoked: its link no longer works."),
        _ => None,
    }
}

/// Invite people by email with a role; open invitations with their email status, renew and
/// revoke; a new link is shown once, to copy.
#[component]
pub fn AdminInvitationsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| admin_invitations());
    let (email, role) = (
        query_param("email").unwrap_or_default(),
        query_param("role").unwrap_or_else(|| "member".into()),
    );
    view! {
        <Title text="Invitations"/>
        <AdminLayout current="/admin/invitations" title="Invitations" done=done>
            <InvitationResults list email=email.clone() role=role.clone()/>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn InvitationResults(
    list: Resource<Result<InvitationList, crate::error::AppError>>,
    email: String,
    role: String,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="text-slate-600">"Loading invitations…"</p> }>
            {move || {
                let (email, role) = (email.clone(), role.clone());
                Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <Invitations list email role/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Invitations(list: InvitationList, email: String, role: String) -> impl IntoView {
    let offered: Vec<Role> = [Role::Member, Role::Instructor, Role::Admin, Role::Owner]
        .into_iter()
        .filter(|r| list.viewer_is_owner || *r != Role::Owner)
        .collect();
    let mail_note = if list.mail_delivers {
        "The invitation is emailed to them. It works once and expires in 7 days."
    } else {
        "This server sends no email: you get a link to pass on yourself. It works once and expires in 7 days."
    };
    view! {
        {list.fresh.map(|fresh| view! { <FreshLink fresh/> })}
        <div class="grid gap-8 lg:grid-cols-[1fr_22rem]">
            <div class="overflow-x-auto">
                {if list.rows.is_empty() {
                    view! { <p class="text-slate-600">"No invitations yet."</p> }.into_any()
                } else {
                    view! {
                        <table class="w-full rounded-xl border border-slate-200 bg-white text-left text-sm">
                            <thead class="bg-slate-50 text-slate-600">
                                <tr>
                                    <th scope="col" class="px-4 py-3 font-medium">"Address"</th>
                                    <th scope="col" class="px-4 py-3 font-medium">"Role"</th>
                                    <th scope="col" class="px-4 py-3 font-medium">"Status"</th>
                                    <th scope="col" class="px-4 py-3 font-medium"><span class="sr-only">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-slate-100">
                                {list.rows.into_iter().map(|row| view! { <InvitationLine row/> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </div>
            <form method="post" action=href(InviteMember::url()) class=format!("{} space-y-4 self-start", ui::CARD) aria-label="Invite someone">
                <h2 class="text-lg font-semibold text-slate-900">"Invite someone"</h2>
                <div>
                    <label for="invite-email" class=ui::LABEL>"Email address"</label>
                    <input id="invite-email" name="email" type="email" required maxlength="254" value=email class=ui::INPUT/>
                </div>
                <div>
                    <label for="invite-role" class=ui::LABEL>"Role"</label>
                    <select id="invite-role" name="role" class=ui::INPUT>
                        {offered.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=role == r.as_str()>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {(!list.levels.is_empty()).then(|| view! {
                    <div>
                        <label for="invite-level" class=ui::LABEL>"Member level"</label>
                        <select id="invite-level" name="level" class=ui::INPUT>
                            <option value="">"The default for new members"</option>
                            {list.levels.iter().map(|l| view! {
                                <option value=l.id.clone()>{l.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <p class="text-xs text-slate-600">{mail_note}</p>
                <button type="submit" class=ui::PRIMARY>"Send invitation"</button>
            </form>
        </div>
    }
    .into_any()
}

#[component]
fn InvitationLine(row: InvitationRow) -> impl IntoView {
    let open = matches!(
        row.state,
        InvitationState::Pending | InvitationState::Expired
    );
    let status = match (row.state, row.mail) {
        (InvitationState::Pending, Some(mail)) => {
            format!("Pending until {} · {}", row.expires, mail.label())
        }
        (InvitationState::Pending, None) => format!("Pending until {}", row.expires),
        (state, _) => state.label().to_owned(),
    };
    let by = row.invited_by.map(|name| format!("Invited by {name}"));
    view! {
        <tr>
            <td class="px-4 py-3">
                <p class="font-medium text-slate-900">{row.email.clone()}</p>
                {by.map(|by| view! { <p class="text-xs text-slate-500">{by}</p> })}
            </td>
            <td class="px-4 py-3">
                {row.role.label()}
                {row.level.clone().map(|l| view! { <span class="block text-xs text-slate-500">{l}</span> })}
            </td>
            <td class="px-4 py-3 text-slate-600">{status}</td>
            <td class="px-4 py-3">
                {open.then(|| view! {
                    <div class="flex justify-end gap-2">
                        <form method="post" action=href(RenewInvitation::url())>
                            <input type="hidden" name="id" value=row.id.clone()/>
                            <button type="submit" class=ui::SMALL aria-label=format!("New link for {}", row.email)>"New link"</button>
                        </form>
                        <form method="post" action=href(RevokeInvitation::url())>
                            <input type="hidden" name="id" value=row.id.clone()/>
                            <button type="submit" class=ui::DANGER aria-label=format!("Revoke the invitation for {}", row.email)>"Revoke"</button>
                        </form>
                    </div>
                })}
            </td>
        </tr>
    }
    .into_any()
}

/// The link just made, shown once: only its hash is kept, so it cannot be shown again.
#[component]
fn FreshLink(fresh: InvitationLink) -> impl IntoView {
    let note = if fresh.mailed {
        format!(
            "We're emailing {} their invitation. You can also pass the link on yourself:",
            fresh.email
        )
    } else {
        format!(
            "Invitation made for {}. This server sends no email, so pass this link on yourself:",
            fresh.email
        )
    };
    view! {
        <div role="status" class="mb-6 rounded-xl border border-emerald-200 bg-emerald-50 p-4">
            <p class="text-sm text-emerald-900">{note}</p>
            <div class="mt-2 flex flex-col gap-2 sm:flex-row">
                <label for="invitation-link" class="sr-only">"Invitation link"</label>
                <input id="invitation-link" readonly value=fresh.link.clone()
                    class="w-full rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs"/>
                <CopyLink target="invitation-link".to_owned()/>
            </div>
            <p class="mt-1 text-xs text-emerald-900">"This link is shown only now. Use “New link” in the list if it gets lost."</p>
        </div>
    }
    .into_any()
}

/// Copies the text of the input `target` to the clipboard. Without JavaScript the input is
/// still there to select and copy by hand. Lazy: only the invitations page downloads it.
#[island(lazy)]
fn CopyLink(target: String) -> impl IntoView {
    let (copied, set_copied) = signal(false);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let text = document()
                .get_element_by_id(&target)
                .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
                .map(|input| input.value());
            if let Some(text) = text {
                let _ = window().navigator().clipboard().write_text(&text);
                set_copied.set(true);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&target, set_copied);
    };
    view! {
        <button type="button" on:click=copy class="shrink-0 rounded-md bg-emerald-800 px-3 py-2 text-sm font-semibold text-white">
            {move || if copied.get() { "Copied" } else { "Copy invitation link" }}
        </button>
    }
    .into_any()
}
