//! Course discussions for enrolled members. Only where the community feature is on.

use crate::error::AppError;
use crate::model::learning::{BoardView, ThreadView};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::{Member, Permission, Viewer};
    use crate::data::TenantTx;
    use crate::data::entities::course;
    use crate::data::repos::{audit, discussions, enrollments, users};
    use crate::domain::{self, guards};
    use crate::error::AppError;
    use crate::model::learning::{BoardView, PostView, ThreadSummary, ThreadView};
    use crate::model::markdown;
    use crate::model::{Feature, FormError};
    use crate::request::TenantScope;
    use std::collections::HashMap;
    use uuid::Uuid;

    const MAX_BODY: usize = 20_000;

    /// A removed thread keeps its place but not its words, title included.
    fn shown_title(title: String, removed: bool) -> String {
        if removed {
            "Removed conversation".to_owned()
        } else {
            title
        }
    }

    fn clean_body(body: &str) -> Result<String, AppError> {
        let body = body.trim();
        if body.is_empty() {
            return Err(AppError::Form(FormError::BodyRequired));
        }
        if body.chars().count() > MAX_BODY {
            return Err(AppError::Form(FormError::TooLong));
        }
        Ok(body.to_owned())
    }

    /// The course, for a member who may take part: enrolled, or teaching staff.
    async fn participant(
        tx: &TenantTx,
        viewer: &Viewer,
        slug: &str,
    ) -> Result<(course::Model, Member), AppError> {
        let course = domain::visible_course(tx, viewer, slug).await?;
        let member = viewer.require(Permission::Learn)?;
        crate::domain::guards::reach(tx, &member, &course).await?;
        let staff = Permission::Moderate.allows(member.role);
        if !staff
            && enrollments::find(tx, course.id, member.user_id)
                .await?
                .is_none()
        {
            return Err(AppError::Forbidden);
        }
        Ok((course, member))
    }

    /// Authors' names in one query; people who have left the tenant are no longer visible to
    /// it and show as "Former member".
    async fn names(
        tx: &TenantTx,
        ids: impl Iterator<Item = Uuid>,
    ) -> Result<HashMap<Uuid, String>, AppError> {
        let ids: Vec<Uuid> = ids.collect();
        let found = users::names(tx, ids.iter().copied()).await?;
        Ok(ids
            .into_iter()
            .map(|id| {
                let name = found
                    .get(&id)
                    .map(|u| u.display_name.clone())
                    .unwrap_or_else(|| "Former member".into());
                (id, name)
            })
            .collect())
    }

    struct Post<'a> {
        id: Uuid,
        author_id: Uuid,
        body: &'a str,
        created_at: String,
        edited: bool,
        removed: bool,
    }

    fn post_view(p: Post<'_>, me: &Member, names: &HashMap<Uuid, String>) -> PostView {
        let mine = p.author_id == me.user_id;
        PostView {
            id: p.id,
            author: names.get(&p.author_id).cloned().unwrap_or_default(),
            html: if p.removed {
                String::new()
            } else {
                markdown::render(p.body)
            },
            source: (mine && !p.removed).then(|| p.body.to_owned()),
            created_at: p.created_at,
            edited: p.edited,
            removed: p.removed,
            can_edit: mine && !p.removed,
            can_remove: !p.removed && (mine || Permission::Moderate.allows(me.role)),
        }
    }

    pub async fn board(scope: &TenantScope, slug: &str) -> Result<BoardView, AppError> {
        scope.require(Feature::Community)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let (course, _) = participant(&tx, viewer, slug).await?;
        let threads = discussions::threads(&tx, course.id).await?;
        let counts = discussions::reply_counts(&tx, course.id).await?;
        let names = names(&tx, threads.iter().map(|t| t.author_id)).await?;
        tx.commit().await?;
        Ok(BoardView {
            course_slug: course.slug,
            course_title: course.title,
            can_post: true,
            threads: threads
                .into_iter()
                .map(|t| ThreadSummary {
                    replies: counts.get(&t.id).copied().unwrap_or(0),
                    author: names.get(&t.author_id).cloned().unwrap_or_default(),
                    created_at: t.created_at.to_rfc3339(),
                    removed: t.removed_at.is_some(),
                    id: t.id,
                    title: shown_title(t.title, t.removed_at.is_some()),
                })
                .collect(),
        })
    }

    pub async fn thread(
        scope: &TenantScope,
        slug: &str,
        raw_id: &str,
    ) -> Result<ThreadView, AppError> {
        scope.require(Feature::Community)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let (course, me) = participant(&tx, viewer, slug).await?;
        let t = discussions::find_thread(&tx, course.id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let replies = discussions::replies(&tx, t.id).await?;
        let names = names(
            &tx,
            std::iter::once(t.author_id).chain(replies.iter().map(|r| r.author_id)),
        )
        .await?;
        tx.commit().await?;
        let opening = post_view(
            Post {
                id: t.id,
                author_id: t.author_id,
                body: &t.body_markdown,
                created_at: t.created_at.to_rfc3339(),
                edited: t.edited_at.is_some(),
                removed: t.removed_at.is_some(),
            },
            &me,
            &names,
        );
        Ok(ThreadView {
            id: t.id,
            course_slug: course.slug,
            course_title: course.title,
            title: shown_title(t.title.clone(), t.removed_at.is_some()),
            opening,
            replies: replies
                .iter()
                .map(|r| {
                    post_view(
                        Post {
                            id: r.id,
                            author_id: r.author_id,
                            body: &r.body_markdown,
                            created_at: r.created_at.to_rfc3339(),
                            edited: r.edited_at.is_some(),
                            removed: r.removed_at.is_some(),
                        },
                        &me,
                        &names,
                    )
                })
                .collect(),
            can_reply: true,
        })
    }

    pub async fn start(
        scope: &TenantScope,
        slug: &str,
        title: &str,
        body: &str,
    ) -> Result<String, AppError> {
        scope.require(Feature::Community)?;
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(AppError::Form(FormError::TitleRequired));
        }
        let body = clean_body(body)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let (course, me) = participant(&tx, viewer, slug).await?;
        let t = discussions::create_thread(&tx, course.id, me.user_id, title, &body).await?;
        audit::record(
            &tx,
            Some(me.user_id),
            "discussion.thread_created",
            &t.id.to_string(),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(scope.href(&format!("/courses/{}/discussions/{}", course.slug, t.id)))
    }

    pub async fn reply(
        scope: &TenantScope,
        slug: &str,
        raw_thread: &str,
        body: &str,
    ) -> Result<String, AppError> {
        scope.require(Feature::Community)?;
        let thread_id = guards::id(raw_thread)?;
        let body = clean_body(body)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let (course, me) = participant(&tx, viewer, slug).await?;
        let t = discussions::find_thread(&tx, course.id, thread_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if t.removed_at.is_some() {
            return Err(AppError::BadRequest(
                "This conversation was removed.".into(),
            ));
        }
        discussions::create_reply(&tx, course.id, t.id, me.user_id, &body).await?;
        tx.commit().await?;
        Ok(scope.href(&format!("/courses/{}/discussions/{}", course.slug, t.id)))
    }

    /// The author of post `id` in this course, whether it is a thread or a reply.
    async fn author_of(tx: &TenantTx, course_id: Uuid, id: Uuid) -> Result<Uuid, AppError> {
        if let Some(t) = discussions::find_thread(tx, course_id, id).await? {
            return Ok(t.author_id);
        }
        discussions::find_reply(tx, course_id, id)
            .await?
            .map(|r| r.author_id)
            .ok_or(AppError::NotFound)
    }

    pub async fn edit(
        scope: &TenantScope,
        slug: &str,
        raw_post: &str,
        body: &str,
    ) -> Result<(), AppError> {
        scope.require(Feature::Community)?;
        let post_id = guards::id(raw_post)?;
        let body = clean_body(body)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let (course, me) = participant(&tx, viewer, slug).await?;
        if author_of(&tx, course.id, post_id).await? != me.user_id {
            return Err(AppError::Forbidden);
        }
        if !discussions::edit(&tx, post_id, &body).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn remove(scope: &TenantScope, slug: &str, raw_post: &str) -> Result<(), AppError> {
        scope.require(Feature::Community)?;
        let post_id = guards::id(raw_post)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let (course, me) = participant(&tx, viewer, slug).await?;
        let author = author_of(&tx, course.id, post_id).await?;
        if author != me.user_id && !Permission::Moderate.allows(me.role) {
            return Err(AppError::Forbidden);
        }
        if !discussions::remove(&tx, post_id, me.user_id).await? {
            return Err(AppError::NotFound);
        }
        let action = if author == me.user_id {
            "discussion.post_deleted"
        } else {
            "discussion.post_removed"
        };
        audit::record(
            &tx,
            Some(me.user_id),
            action,
            &post_id.to_string(),
            serde_json::json!({ "author": author }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[server]
pub async fn discussion_board(slug: String) -> Result<BoardView, AppError> {
    crate::request::serve(async |scope| imp::board(scope, &slug).await).await
}

#[server]
pub async fn discussion_thread(slug: String, thread_id: String) -> Result<ThreadView, AppError> {
    crate::request::serve(async |scope| imp::thread(scope, &slug, &thread_id).await).await
}

/// Starts a thread; returns its page.
#[server]
pub async fn start_thread(slug: String, title: String, body: String) -> Result<String, AppError> {
    use crate::model::url::encode;
    use crate::request::{finish_form, serve_form};
    let back = format!("/courses/{}/discussions", encode(&slug));
    serve_form(&back, &[], async |scope| {
        imp::start(scope, &slug, &title, &body)
            .await
            .map(finish_form)
    })
    .await
}

#[server]
pub async fn reply_to_thread(
    slug: String,
    thread_id: String,
    body: String,
) -> Result<String, AppError> {
    use crate::model::url::encode;
    use crate::request::{finish_form, serve_form};
    let back = format!(
        "/courses/{}/discussions/{}",
        encode(&slug),
        encode(&thread_id)
    );
    serve_form(&back, &[], async |scope| {
        imp::reply(scope, &slug, &thread_id, &body)
            .await
            .map(finish_form)
    })
    .await
}

/// Edits one's own post.
#[server]
pub async fn edit_post(slug: String, post_id: String, body: String) -> Result<(), AppError> {
    crate::request::serve(async |scope| imp::edit(scope, &slug, &post_id, &body).await).await
}

/// Removes one's own post, or anyone's for instructors and admins.
#[server]
pub async fn remove_post(slug: String, post_id: String) -> Result<(), AppError> {
    crate::request::serve(async |scope| imp::remove(scope, &slug, &post_id).await).await
}
