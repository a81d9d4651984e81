use super::{Audience, Saved};
use crate::data::db::TenantTx;
use crate::data::entities::course::{self, ActiveModel, Column, Entity};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DbBackend, DbErr, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement,
};
use std::sync::LazyLock;
use uuid::Uuid;

pub struct NewCourse<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub access_level: &'a str,
    pub price_cents: i32,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct CourseChanges<'a> {
    pub title: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub access_level: Option<&'a str>,
    pub price_cents: Option<i32>,
    pub quiz_required: Option<bool>,
    /// `Some(None)` takes the minimum away.
    pub certificate_min_score: Option<Option<i32>>,
}

fn scoped(tx: &TenantTx) -> sea_orm::Select<Entity> {
    Entity::find().filter(Column::TenantId.eq(tx.tenant_id()))
}

/// Which courses an audience may see, as SQL: one rule for the query builder (`visible_to`) and
/// the catalog's written-out statement (`listed_sql`).
fn visibility(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "courses.status = 'published' AND courses.access_level = 'public'",
        Audience::Members => "courses.status = 'published'",
    }
}

fn visible_to(audience: Audience) -> Condition {
    Condition::all().add(Expr::cust(visibility(audience)))
}

pub async fn create(tx: &TenantTx, new: NewCourse<'_>) -> Result<course::Model, DbErr> {
    ActiveModel {
        tenant_id: Set(tx.tenant_id()),
        id: Set(Uuid::now_v7()),
        slug: Set(new.slug.to_owned()),
        title: Set(new.title.to_owned()),
        summary: Set(new.summary.to_owned()),
        access_level: Set(new.access_level.to_owned()),
        status: Set("draft".to_owned()),
        price_cents: Set(new.price_cents),
        ..Default::default()
    }
    .insert(tx.conn())
    .await
}

/// Any course of this tenant, whatever its status.
pub async fn find(tx: &TenantTx, id: Uuid) -> Result<Option<course::Model>, DbErr> {
    scoped(tx).filter(Column::Id.eq(id)).one(tx.conn()).await
}

/// Courses of this tenant by id, whatever their status.
pub async fn find_many(tx: &TenantTx, ids: &[Uuid]) -> Result<Vec<course::Model>, DbErr> {
    scoped(tx)
        .filter(Column::Id.is_in(ids.iter().copied()))
        .all(tx.conn())
        .await
}

pub async fn find_visible_by_slug(
    tx: &TenantTx,
    audience: Audience,
    slug: &str,
) -> Result<Option<course::Model>, DbErr> {
    scoped(tx)
        .filter(visible_to(audience))
        .filter(Column::Slug.eq(slug))
        .one(tx.conn())
        .await
}

/// What a course card shows, with the number of lessons learners can see.
#[derive(Debug, FromQueryResult)]
pub struct Listed {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub access_level: String,
    pub price_cents: i32,
    pub cover_image: Option<String>,
    pub required_level_id: Option<Uuid>,
    pub lesson_count: i64,
}

impl Listed {
    /// The card of a course loaded whole.
    pub fn of(c: course::Model, lesson_count: i64) -> Self {
        Self {
            id: c.id,
            slug: c.slug,
            title: c.title,
            summary: c.summary,
            access_level: c.access_level,
            price_cents: c.price_cents,
            cover_image: c.cover_image,
            required_level_id: c.required_level_id,
            lesson_count,
        }
    }
}

/// The catalog's statement, made once per audience instead of built per request: it runs on
/// every catalog and home page, and the query builder cost a hundred allocations a page.
/// `$1` is the tenant, `$2` the limit (`NULL` is no limit).
fn listed_sql(audience: Audience) -> &'static str {
    fn sql(audience: Audience) -> String {
        format!(
            "SELECT courses.id, courses.slug, courses.title, courses.summary, \
             courses.access_level, courses.price_cents, courses.cover_image, \
             courses.required_level_id, (SELECT count(*) FROM lessons l \
             WHERE l.tenant_id = courses.tenant_id AND l.course_id = courses.id \
             AND l.published) AS lesson_count \
             FROM courses WHERE courses.tenant_id = $1 AND {} \
             ORDER BY courses.published_at DESC, courses.title LIMIT $2",
            visibility(audience)
        )
    }
    static PUBLIC: LazyLock<String> = LazyLock::new(|| sql(Audience::Public));
    static MEMBERS: LazyLock<String> = LazyLock::new(|| sql(Audience::Members));
    match audience {
        Audience::Public => &PUBLIC,
        Audience::Members => &MEMBERS,
    }
}

/// Published courses the audience may see, newest first, with their published lessons counted
/// in the same query; `limit` of `None` means all.
pub async fn list_visible(
    tx: &TenantTx,
    audience: Audience,
    limit: Option<u64>,
) -> Result<Vec<Listed>, DbErr> {
    let limit = limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    let statement = Statement::from_sql_and_values(
        DbBackend::Postgres,
        listed_sql(audience),
        [tx.tenant_id().into(), limit.into()],
    );
    Listed::find_by_statement(statement).all(tx.conn()).await
}

/// A course with its lessons (drafts included) and learners counted, for the studio.
#[derive(Debug, FromQueryResult)]
pub struct ForStudio {
    #[sea_orm(nested)]
    pub course: course::Model,
    pub lesson_count: i64,
    pub learner_count: i64,
}

/// Every course of the tenant, drafts included, by title, with its counts: one query.
pub async fn list_for_studio(tx: &TenantTx) -> Result<Vec<ForStudio>, DbErr> {
    scoped(tx)
        .column_as(
            Expr::cust(
                "(SELECT count(*) FROM lessons l WHERE l.tenant_id = courses.tenant_id \
                 AND l.course_id = courses.id)",
            ),
            "lesson_count",
        )
        .column_as(
            Expr::cust(
                "(SELECT count(*) FROM enrollments e WHERE e.tenant_id = courses.tenant_id \
                 AND e.course_id = courses.id)",
            ),
            "learner_count",
        )
        .order_by_asc(Column::Title)
        .into_model::<ForStudio>()
        .all(tx.conn())
        .await
}

/// Every course of the tenant, drafts included, by title.
pub async fn list_all(tx: &TenantTx) -> Result<Vec<course::Model>, DbErr> {
    scoped(tx).order_by_asc(Column::Title).all(tx.conn()).await
}

pub async fn count(tx: &TenantTx) -> Result<u64, DbErr> {
    scoped(tx).count(tx.conn()).await
}

/// Returns whether a course of this tenant with that id was changed.
pub async fn update(tx: &TenantTx, id: Uuid, changes: CourseChanges<'_>) -> Result<bool, DbErr> {
    let Some(existing) = find(tx, id).await? else {
        return Ok(false);
    };
    let mut active: ActiveModel = existing.into();
    if let Some(title) = changes.title {
        active.title = Set(title.to_owned());
    }
    if let Some(summary) = changes.summary {
        active.summary = Set(summary.to_owned());
    }
    if let Some(access) = changes.access_level {
        active.access_level = Set(access.to_owned());
    }
    if let Some(price) = changes.price_cents {
        active.price_cents = Set(price);
    }
    if let Some(required) = changes.quiz_required {
        active.quiz_required = Set(required);
    }
    if let Some(minimum) = changes.certificate_min_score {
        active.certificate_min_score = Set(minimum);
    }
    active.update(tx.conn()).await?;
    Ok(true)
}

/// Publishes or unpublishes; the first publication date is kept.
pub async fn set_published(tx: &TenantTx, id: Uuid, published: bool) -> Result<bool, DbErr> {
    let Some(existing) = find(tx, id).await? else {
        return Ok(false);
    };
    let first_published = existing.published_at;
    let mut active: ActiveModel = existing.into();
    active.status = Set(if published { "published" } else { "draft" }.to_owned());
    if published && first_published.is_none() {
        active.published_at = Set(Some(chrono::Utc::now().into()));
    }
    active.update(tx.conn()).await?;
    Ok(true)
}

/// Returns whether a course of this tenant with that id was deleted.
pub async fn delete(tx: &TenantTx, id: Uuid) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}

/// The settings an instructor edits on a course.
pub struct CourseSettings<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub summary: &'a str,
    pub access_level: &'a str,
    pub price_cents: i32,
    pub quiz_required: bool,
    /// The member level learners need (migration 0021).
    pub required_level: Option<Uuid>,
    /// The quiz score a certificate needs (migration 0031).
    pub certificate_min_score: Option<i32>,
}

/// Saves settings if the course is still at `expected_version`.
pub async fn save_settings(
    tx: &TenantTx,
    id: Uuid,
    expected_version: i32,
    s: CourseSettings<'_>,
) -> Result<Saved, DbErr> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let result = Entity::update_many()
        .col_expr(Column::Title, Expr::value(s.title))
        .col_expr(Column::Slug, Expr::value(s.slug))
        .col_expr(Column::Summary, Expr::value(s.summary))
        .col_expr(Column::AccessLevel, Expr::value(s.access_level))
        .col_expr(Column::PriceCents, Expr::value(s.price_cents))
        .col_expr(Column::QuizRequired, Expr::value(s.quiz_required))
        .col_expr(Column::RequiredLevelId, Expr::value(s.required_level))
        .col_expr(
            Column::CertificateMinScore,
            Expr::value(s.certificate_min_score),
        )
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .filter(Column::Version.eq(expected_version))
        .exec(tx.conn())
        .await?;
    if result.rows_affected == 1 {
        return Ok(Saved::Done(expected_version + 1));
    }
    Ok(if find(tx, id).await?.is_some() {
        Saved::Conflict
    } else {
        Saved::Missing
    })
}

/// Whether another course of this tenant already uses `slug`.
pub async fn slug_taken(tx: &TenantTx, slug: &str, except: Option<Uuid>) -> Result<bool, DbErr> {
    let mut query = scoped(tx).filter(Column::Slug.eq(slug));
    if let Some(id) = except {
        query = query.filter(Column::Id.ne(id));
    }
    Ok(query.count(tx.conn()).await? > 0)
}

pub async fn set_cover(tx: &TenantTx, id: Uuid, cover: Option<&str>) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    let result = Entity::update_many()
        .col_expr(Column::CoverImage, Expr::value(cover.map(str::to_owned)))
        .filter(Column::TenantId.eq(tx.tenant_id()))
        .filter(Column::Id.eq(id))
        .exec(tx.conn())
        .await?;
    Ok(result.rows_affected > 0)
}
