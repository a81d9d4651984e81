use super::layout::{AdminLayout, ui};
use crate::api::admin::levels::{AddLevel, DeleteLevel, MoveLevel, RenameLevel, admin_levels};
use crate::components::{ErrorNotice, href, query_param};
use crate::model::levels::LevelInfo;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    match code {
        "added" => Some("Level added."),
        "renamed" => Some("Level renamed."),
        "moved" => Some("Order changed."),
        "deleted" => Some("Level deleted. Its members now have no level."),
        _ => None,
    }
}

/// The tenant's member levels, lowest first: what members may reach (courses name the level
/// they need in the studio).
#[component]
pub fn AdminLevelsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| admin_levels());
    let name = query_param("name").unwrap_or_default();
    view! {
        <Title text="Member levels"/>
        <AdminLayout current="/admin/levels" title="Member levels" done=done>
            <p class="max-w-3xl text-slate-600">
                "Roles say what people may do; levels say which courses members may reach. A course that needs a level is open to members at that level or above it. Instructors and admins reach every course."
            </p>
            <div class="mt-6 grid gap-8 lg:grid-cols-[1fr_22rem]">
                <LevelResults list/>
                <form method="post" action=href(AddLevel::url()) class=format!("{} space-y-4 self-start", ui::CARD) aria-label="Add a level">
                    <h2 class="text-lg font-semibold text-slate-900">"Add a level"</h2>
                    <div>
                        <label for="level-name" class=ui::LABEL>"Name"</label>
                        <input id="level-name" name="name" required maxlength="40" value=name.clone() class=ui::INPUT/>
                    </div>
                    <p class="text-xs text-slate-600">"It goes above the existing levels; move it where it belongs."</p>
                    <button type="submit" class=ui::PRIMARY>"Add level"</button>
                </form>
            </div>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn LevelResults(list: Resource<Result<Vec<LevelInfo>, crate::error::AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="text-slate-600">"Loading levels…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(levels) if levels.is_empty() => view! {
                        <p class="text-slate-600">"No levels yet: every member reaches every course open to members."</p>
                    }.into_any(),
                    Ok(levels) => {
                        let last = levels.len() - 1;
                        view! {
                            <ol class="space-y-3" aria-label="Levels, lowest first">
                                {levels.into_iter().enumerate().map(|(i, level)| view! {
                                    <LevelLine level first=i == 0 last=i == last/>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn LevelLine(level: LevelInfo, first: bool, last: bool) -> impl IntoView {
    let field = format!("level-{}", level.id);
    let use_note = format!(
        "{} members · required by {} courses{}",
        level.members,
        level.courses,
        if level.is_default {
            " · new members get it"
        } else {
            ""
        }
    );
    let id = level.id.clone();
    let move_form = move |direction: &'static str, label: String| {
        view! {
            <form method="post" action=href(MoveLevel::url())>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="direction" value=direction/>
                <button type="submit" class=ui::SMALL aria-label=label>{if direction == "up" { "Up" } else { "Down" }}</button>
            </form>
        }
    };
    view! {
        <li class=format!("{} flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between", ui::CARD)>
            <form method="post" action=href(RenameLevel::url()) class="flex items-end gap-2">
                <input type="hidden" name="id" value=level.id.clone()/>
                <div>
                    <label for=field.clone() class=ui::LABEL>"Name"</label>
                    <input id=field name="name" required maxlength="40" value=level.name.clone() class=ui::INPUT/>
                    <p class="mt-1 text-xs text-slate-600">{use_note}</p>
                </div>
                <button type="submit" class=ui::SMALL>"Rename"</button>
            </form>
            <div class="flex gap-2">
                {(!last).then(|| move_form("up", format!("Move {} up", level.name)))}
                {(!first).then(|| move_form("down", format!("Move {} down", level.name)))}
                <form method="post" action=href(DeleteLevel::url())>
                    <input type="hidden" name="id" value=level.id.clone()/>
                    <button type="submit" class=ui::DANGER aria-label=format!("Delete {}", level.name)>"Delete"</button>
                </form>
            </div>
        </li>
    }
    .into_any()
}
