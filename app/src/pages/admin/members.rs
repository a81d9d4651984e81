use super::layout::{AdminLayout, ui};
use crate::api::admin::levels::SetMemberLevel;
use crate::api::admin::members::{ChangeMemberRole, RemoveMember, admin_members};
use crate::components::{ErrorNotice, href, query_param};
use crate::model::Role;
use crate::model::admin::{MemberPage, MemberRow};
use crate::model::levels::LevelChoice;
use crate::model::url::query;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

const ROLES: [Role; 4] = [Role::Member, Role::Instructor, Role::Admin, Role::Owner];

fn done(code: &str) -> Option<&'static str> {
    match code {
        "role" => Some("Role changed."),
        "removed" => Some("Member removed. Their sessions here have ended."),
        "level" => Some("Member level changed. It applies from their next page."),
        _ => None,
    }
}

/// The members list: search by name or email, filter by role, change roles, remove people.
#[component]
pub fn AdminMembersPage() -> impl IntoView {
    let (q, role, level, page) = (
        query_param("q").unwrap_or_default(),
        query_param("role").unwrap_or_default(),
        query_param("level").unwrap_or_default(),
        query_param("page").unwrap_or_default(),
    );
    let members = Resource::new(|| (), {
        let (q, role, level, page) = (q.clone(), role.clone(), level.clone(), page.clone());
        move |_| admin_members(q.clone(), role.clone(), level.clone(), page.clone())
    });
    view! {
        <Title text="Members"/>
        <AdminLayout current="/admin/members" title="Members" done=done>
            <form method="get" role="search" class="flex flex-col gap-3 sm:flex-row sm:items-end" aria-label="Search members">
                <div class="flex-1">
                    <label for="member-q" class=ui::LABEL>"Name or email"</label>
                    <input id="member-q" name="q" type="search" value=q.clone() class=ui::INPUT/>
                </div>
                <div>
                    <label for="member-role" class=ui::LABEL>"Role"</label>
                    <select id="member-role" name="role" class=ui::INPUT>
                        <option value="" selected=role.is_empty()>"Every role"</option>
                        {ROLES.map(|r| view! {
                            <option value=r.as_str() selected=role == r.as_str()>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class=ui::PRIMARY>"Search"</button>
            </form>
            <MemberResults members q=q.clone() role=role.clone() level=level.clone()/>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn MemberResults(
    members: Resource<Result<MemberPage, crate::error::AppError>>,
    q: String,
    role: String,
    level: String,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="mt-6 text-slate-600">"Loading members…"</p> }>
            {move || {
                let (q, role, level) = (q.clone(), role.clone(), level.clone());
                Suspend::new(async move {
                    match members.await {
                        Ok(page) => view! { <MemberTable page q role level/> }.into_any(),
                        Err(e) => view! { <div class="mt-6"><ErrorNotice error=e/></div> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn MemberTable(page: MemberPage, q: String, role: String, level: String) -> impl IntoView {
    let owner = page.viewer_is_owner;
    let levels = page.levels.clone();
    let filter = (!levels.is_empty()).then(|| {
        let (q, role, level) = (q.clone(), role.clone(), level.clone());
        view! { <LevelFilter levels=levels.clone() q role level/> }
    });
    let noun = if page.total == 1 { "member" } else { "members" };
    let link = move |n: u64| {
        href(&format!(
            "/admin/members{}",
            query(&[
                ("q", &q),
                ("role", &role),
                ("level", &level),
                ("page", &n.to_string())
            ])
        ))
    };
    let (prev, next) = (
        (page.page > 1).then(|| link(page.page - 1)),
        (page.page < page.pages).then(|| link(page.page + 1)),
    );
    view! {
        {filter}
        <p class="mt-6 text-sm text-slate-600">{format!("{} {noun} · page {} of {}", page.total, page.page, page.pages)}</p>
        <div class="mt-3 overflow-x-auto">
            <table class="w-full rounded-xl border border-slate-200 bg-white text-left text-sm">
                <thead class="bg-slate-50 text-slate-600">
                    <tr>
                        <th scope="col" class="px-4 py-3 font-medium">"Member"</th>
                        <th scope="col" class="px-4 py-3 font-medium">"Role"</th>
                        <th scope="col" class="px-4 py-3 font-medium">"Level"</th>
                        <th scope="col" class="px-4 py-3 font-medium">"Joined"</th>
                        <th scope="col" class="px-4 py-3 font-medium">"Last active"</th>
                        <th scope="col" class="px-4 py-3 font-medium"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {page.rows.into_iter().map(|m| view! { <MemberLine member=m owner levels=levels.clone()/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav aria-label="Pages" class="mt-4 flex gap-3 text-sm">
            {prev.map(|h| view! { <a href=h class="underline">"Previous page"</a> })}
            {next.map(|h| view! { <a href=h class="underline">"Next page"</a> })}
        </nav>
    }
    .into_any()
}

/// One member with a role form and a remove button (owners' rows only for owners).
#[component]
fn MemberLine(member: MemberRow, owner: bool, levels: Vec<LevelChoice>) -> impl IntoView {
    let level_id = member
        .level
        .as_ref()
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let level_select = format!("level-{}", member.user_id);
    let can_change = owner || member.role != Role::Owner;
    let offered: Vec<Role> = ROLES
        .into_iter()
        .filter(|r| owner || *r != Role::Owner)
        .collect();
    let id = member.user_id.clone();
    let select_id = format!("role-{id}");
    let name = member.display_name.clone();
    view! {
        <tr>
            <td class="px-4 py-3">
                <p class="font-medium text-slate-900">{member.display_name.clone()} {member.is_you.then_some(" (you)")}</p>
                <p class="text-xs text-slate-500">{member.email.clone()}</p>
            </td>
            <td class="px-4 py-3">
                {if can_change {
                    view! {
                        <form method="post" action=href(ChangeMemberRole::url()) class="flex items-center gap-2">
                            <input type="hidden" name="user_id" value=id.clone()/>
                            <label for=select_id.clone() class="sr-only">{format!("Role of {name}")}</label>
                            <select id=select_id name="role" class="rounded-md border border-slate-300 bg-white px-2 py-1">
                                {offered.into_iter().map(|r| view! {
                                    <option value=r.as_str() selected=r == member.role>{r.label()}</option>
                                }).collect_view()}
                            </select>
                            <button type="submit" class=ui::SMALL>"Save"</button>
                        </form>
                    }.into_any()
                } else {
                    view! { <span>{member.role.label()}</span> }.into_any()
                }}
            </td>
            <td class="px-4 py-3">
                {if levels.is_empty() {
                    view! { <span class="text-slate-500">"—"</span> }.into_any()
                } else {
                    view! {
                        <form method="post" action=href(SetMemberLevel::url()) class="flex items-center gap-2">
                            <input type="hidden" name="user_id" value=id.clone()/>
                            <label for=level_select.clone() class="sr-only">{format!("Level of {name}")}</label>
                            <select id=level_select name="level" class="rounded-md border border-slate-300 bg-white px-2 py-1">
                                <option value="" selected=level_id.is_empty()>"No level"</option>
                                {levels.iter().map(|l| view! {
                                    <option value=l.id.clone() selected=l.id == level_id>{l.name.clone()}</option>
                                }).collect_view()}
                            </select>
                            <button type="submit" class=ui::SMALL>"Save"</button>
                        </form>
                    }.into_any()
                }}
            </td>
            <td class="px-4 py-3 text-slate-600">{member.joined.clone()}</td>
            <td class="px-4 py-3 text-slate-600">{member.last_active.clone().unwrap_or_else(|| "—".into())}</td>
            <td class="px-4 py-3 text-right">
                {can_change.then(|| view! {
                    <details class="inline-block text-left">
                        <summary class=ui::DANGER>"Remove…"</summary>
                        <form method="post" action=href(RemoveMember::url()) class="mt-2 w-56 rounded-md border border-slate-200 bg-white p-3 shadow">
                            <input type="hidden" name="user_id" value=id.clone()/>
                            <p class="text-xs text-slate-600">{format!("{} loses access at once, and their enrolments, progress, orders and posts here are deleted.", member.display_name)}</p>
                            <button type="submit" class="mt-2 rounded bg-red-700 px-2 py-1 text-xs font-semibold text-white">
                                {format!("Remove {}", member.display_name)}
                            </button>
                        </form>
                    </details>
                })}
            </td>
        </tr>
    }
    .into_any()
}

/// Narrows the list to one member level (a GET form, like the search).
#[component]
fn LevelFilter(levels: Vec<LevelChoice>, q: String, role: String, level: String) -> impl IntoView {
    view! {
        <form method="get" class="mt-4 flex items-end gap-3" aria-label="Filter by level">
            <input type="hidden" name="q" value=q/>
            <input type="hidden" name="role" value=role/>
            <div>
                <label for="member-level" class=ui::LABEL>"Level"</label>
                <select id="member-level" name="level" class=ui::INPUT>
                    <option value="" selected=level.is_empty()>"Every level"</option>
                    {levels.into_iter().map(|l| {
                        let selected = l.id == level;
                        view! { <option value=l.id selected=selected>{l.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class=ui::SMALL>"Filter"</button>
        </form>
    }
    .into_any()
}
