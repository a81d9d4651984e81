//! Loads the demo organisations once. It goes through the same doors as the application: tenants
//! are created in a `PlatformTx`, and everything inside a tenant through that tenant's `TenantTx`.

pub mod content;
pub mod offers;

pub use content::{DEMO_PASSWORD, SHARED_LEARNER_EMAIL, SUPER_ADMIN_EMAIL, TENANTS};
use content::{DISCUSSIONS, LEVELS, QUIZZES};

use super::db::{Db, PlatformTx};
use super::repos::{
    audit, courses, discussions, enrollments, lessons, levels, memberships, modules, quizzes,
    tenants, users,
};
use super::{Lookup, passwords, tenancy};
use crate::model::{AssetUrl, Branding, Features, HexColor, TenantSlug, Tier};
use content::{DemoTenant, lesson_markdown};
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Loaded,
    AlreadyPresent,
}

fn invalid(what: &str, detail: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("demo data: invalid {what}: {detail}"))
}

/// Loads the demo data unless its first tenant already exists. Concurrent loaders queue on an
/// advisory lock, so two servers starting together load it once.
pub async fn load_once(db: &Db) -> Result<Outcome, DbErr> {
    let platform = PlatformTx::begin(db, "load demo data").await?;
    platform
        .conn()
        .execute_unprepared("SELECT pg_advisory_xact_lock(hashtext('atrium.demo-data'))")
        .await?;
    if tenants::find_by_slug(&platform, TENANTS[0].slug)
        .await?
        .is_some()
    {
        return Ok(Outcome::AlreadyPresent);
    }

    let people = create_people(&platform).await?;
    for t in TENANTS {
        create_tenant(&platform, t).await?;
    }
    platform.commit().await?;

    for t in TENANTS {
        fill_tenant(db, t, &people).await?;
    }

    let platform = PlatformTx::begin(db, "suspend demo tenants").await?;
    for t in TENANTS.iter().filter(|t| t.suspended) {
        if let Some(row) = tenants::find_by_slug(&platform, t.slug).await? {
            tenants::set_suspended(&platform, row.id, true).await?;
        }
    }
    platform.commit().await?;
    Ok(Outcome::Loaded)
}

async fn create_people(platform: &PlatformTx) -> Result<HashMap<&'static str, Uuid>, DbErr> {
    let mut ids = HashMap::new();
    let everyone = TENANTS
        .iter()
        .flat_map(|t| t.people.iter().map(|p| (p.email, p.name)))
        .chain([(SUPER_ADMIN_EMAIL, "Atrium Operator")]);
    for (email, name) in everyone {
        if ids.contains_key(email) {
            continue;
        }
        let id = match users::find_by_email_as_platform(platform, email).await? {
            Some(u) => u.id,
            None => {
                let hash = passwords::hash(DEMO_PASSWORD).map_err(|e| invalid("password", e))?;
                users::create_as_platform(
                    platform,
                    users::NewUser {
                        email,
                        display_name: name,
                        password_hash: Some(hash),
                    },
                )
                .await?
                .id
            }
        };
        ids.insert(email, id);
    }
    Ok(ids)
}

async fn create_tenant(platform: &PlatformTx, t: &DemoTenant) -> Result<(), DbErr> {
    let [primary, secondary, accent] = t.colors.map(HexColor::parse);
    let branding = Branding {
        primary: primary.map_err(|e| invalid("colour", e))?,
        secondary: secondary.map_err(|e| invalid("colour", e))?,
        accent: accent.map_err(|e| invalid("colour", e))?,
        logo: t
            .logo
            .map(|(logo, _)| AssetUrl::parse(logo))
            .transpose()
            .map_err(|e| invalid("logo", e))?,
        favicon: t
            .logo
            .map(|(_, favicon)| AssetUrl::parse(favicon))
            .transpose()
            .map_err(|e| invalid("favicon", e))?,
    };
    let [courses, assessments, community, ecommerce] = t.features;
    let slug = TenantSlug::parse(t.slug).map_err(|e| invalid("slug", e))?;
    let row = tenants::create(
        platform,
        tenants::NewTenant {
            slug: &slug,
            name: t.name,
            tier: Tier::parse(t.tier).unwrap_or(Tier::Basic),
            branding: &branding,
            features: Features {
                courses,
                assessments,
                community,
                ecommerce,
            },
            settings: serde_json::json!({ "signup": "open" }),
        },
    )
    .await?;
    if let Some(host) = t.custom_domain {
        tenants::add_domain(platform, row.id, host, true).await?;
    }
    Ok(())
}

async fn fill_tenant(
    db: &Db,
    t: &DemoTenant,
    people: &HashMap<&'static str, Uuid>,
) -> Result<(), DbErr> {
    let slug = TenantSlug::parse(t.slug).map_err(|e| invalid("slug", e))?;
    let Lookup::Active(tenant) = tenancy::by_slug(db, &slug).await? else {
        return Err(invalid("tenant", format!("{} is not active", t.slug)));
    };
    let tx = tenant.begin(db).await?;
    for (_, names, default) in LEVELS.iter().filter(|(slug, _, _)| *slug == t.slug) {
        for name in *names {
            let id = levels::add(&tx, name).await?;
            if name == default {
                levels::set_default(&tx, Some(id)).await?;
            }
        }
    }
    let mut learners = Vec::new();
    for p in t.people {
        let user_id = *people
            .get(p.email)
            .ok_or_else(|| invalid("person", p.email))?;
        memberships::add(&tx, user_id, p.role).await?;
        if p.role == "member" {
            learners.push(user_id);
        }
    }

    let mut first_published = None;
    for c in t.courses {
        let course = courses::create(
            &tx,
            courses::NewCourse {
                slug: c.slug,
                title: c.title,
                summary: c.summary,
                access_level: c.access,
                price_cents: c.price_cents,
            },
        )
        .await?;
        let mut first_lesson = None;
        for (m_pos, (module_title, module_lessons)) in c.modules.iter().enumerate() {
            let module = modules::create(&tx, course.id, module_title, position(m_pos)).await?;
            for (l_pos, l) in module_lessons.iter().enumerate() {
                let body = lesson_markdown(c.title, l);
                let lesson = lessons::create(
                    &tx,
                    lessons::NewLesson {
                        course_id: course.id,
                        module_id: module.id,
                        title: l.title,
                        body_markdown: &body,
                        position: position(l_pos),
                        published: true,
                    },
                )
                .await?;
                first_lesson.get_or_insert(lesson.id);
            }
        }
        for (_, _, quiz) in QUIZZES
            .iter()
            .filter(|(tenant, slug, _)| *tenant == t.slug && *slug == c.slug)
        {
            let q = quizzes::create(&tx, course.id, quiz.title, quiz.passing_score).await?;
            for (i, (prompt, multiple, options)) in quiz.questions.iter().enumerate() {
                quizzes::add_question(&tx, q.id, prompt, *multiple, position(i), options).await?;
            }
            if quiz.required {
                let changes = courses::CourseChanges {
                    quiz_required: Some(true),
                    ..Default::default()
                };
                courses::update(&tx, course.id, changes).await?;
            }
        }
        if c.published {
            courses::set_published(&tx, course.id, true).await?;
            if first_published.is_none() {
                first_published = first_lesson.map(|l| (course.id, l));
            }
        }
    }

    // Each learner has started the first course, so progress shows from the first visit.
    if let Some((course_id, lesson_id)) = first_published {
        for user_id in &learners {
            enrollments::enroll(&tx, course_id, *user_id).await?;
            enrollments::complete_lesson(&tx, *user_id, course_id, lesson_id).await?;
        }
        for (_, _, title, body) in DISCUSSIONS.iter().filter(|(tenant, ..)| *tenant == t.slug) {
            if let Some(author) = learners.first() {
                let thread =
                    discussions::create_thread(&tx, course_id, *author, title, body).await?;
                let staff = t
                    .people
                    .iter()
                    .find(|p| p.role == "instructor")
                    .and_then(|p| people.get(p.email));
                if let Some(instructor) = staff {
                    discussions::create_reply(
                        &tx,
                        course_id,
                        thread.id,
                        *instructor,
                        "Great question. I stopped booking back-to-back meetings.",
                    )
                    .await?;
                }
            }
        }
    }
    offers::create(&tx, t.slug).await?;
    audit::record(
        &tx,
        None,
        "demo.loaded",
        t.slug,
        serde_json::json!({ "courses": t.courses.len() }),
    )
    .await?;
    tx.commit().await
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}
