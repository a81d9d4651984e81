//! The application layer on its own: these tests connect as a role that bypasses Row-Level
//! Security, so only the repositories' own `tenant_id` filters and composite keys stand between
//! tenants. (server/tests/integration/rls.rs tests the database backstop on its own.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::db::{Db, TenantTx};
use super::repos::{Audience, courses, lessons, memberships, modules, users};
use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use uuid::Uuid;

/// A fresh, migrated database reached through a connection that bypasses RLS.
struct Bypass {
    db: Db,
    admin_url: String,
    name: String,
}

impl Bypass {
    async fn new() -> Self {
        let admin_url = std::env::var("ATRIUM_TEST_DATABASE_URL")
            .expect("ATRIUM_TEST_DATABASE_URL is not set; run the tests with scripts/test");
        let name = format!("atrium_unit_{}", Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url).await.unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap();
        let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
        let owner = Database::connect(&url).await.unwrap();
        migration::Migrator::up(&owner, None).await.unwrap();
        let bypasses = owner
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<bool>(0)
            .unwrap();
        assert!(
            bypasses,
            "these tests need a connection that bypasses RLS (a superuser)"
        );
        Self {
            // A superuser may enter the platform role too, so one URL serves both pools.
            db: Db::connect(&url, &url, 4).await.unwrap(),
            admin_url,
            name,
        }
    }

    async fn tenant(&self, slug: &str) -> Uuid {
        let id = Uuid::now_v7();
        self.db
            .global()
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $2)",
                [id.into(), slug.into()],
            ))
            .await
            .unwrap();
        id
    }

    async fn tx(&self, tenant: Uuid) -> TenantTx {
        TenantTx::begin(&self.db, tenant, None).await.unwrap()
    }
}

impl Drop for Bypass {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    let _ = admin.execute_unprepared(&sql).await;
                }
            });
        })
        .join();
    }
}

async fn course(tx: &TenantTx, published: bool, access: &str, slug: &str) -> (Uuid, Uuid) {
    let c = courses::create(
        tx,
        courses::NewCourse {
            slug,
            title: "Shared Title",
            summary: "",
            access_level: access,
            price_cents: 0,
        },
    )
    .await
    .unwrap();
    let m = modules::create(tx, c.id, "Module", 0).await.unwrap();
    for (i, title) in ["One", "Two"].iter().enumerate() {
        lessons::create(
            tx,
            lessons::NewLesson {
                course_id: c.id,
                module_id: m.id,
                title,
                body_markdown: "",
                position: i as i32,
                published: true,
            },
        )
        .await
        .unwrap();
    }
    if published {
        courses::set_published(tx, c.id, true).await.unwrap();
    }
    (c.id, m.id)
}

#[tokio::test]
async fn repositories_never_cross_tenants_even_without_rls() {
    let w = Bypass::new().await;
    let (alpha, beta) = (w.tenant("alpha").await, w.tenant("beta").await);
    let a = w.tx(alpha).await;
    let (a_course, _) = course(&a, true, "public", "shared").await;
    a.commit().await.unwrap();
    let b = w.tx(beta).await;
    let (b_course, b_module) = course(&b, true, "public", "shared").await;
    let stranger = users::create(
        &b,
        users::NewUser {
            email: "b@example.org",
            display_name: "B",
            password_hash: None,
        },
    )
    .await
    .unwrap();
    memberships::add(&b, stranger.id, "member").await.unwrap();
    b.commit().await.unwrap();

    let a = w.tx(alpha).await;
    // Reads by list, slug and id find only alpha's rows.
    assert_eq!(
        courses::list_all(&a)
            .await
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [a_course]
    );
    let visible = courses::list_visible(&a, Audience::Members, None)
        .await
        .unwrap();
    assert_eq!(
        visible.iter().map(|c| c.course.id).collect::<Vec<_>>(),
        [a_course]
    );
    let by_slug = courses::find_visible_by_slug(&a, Audience::Public, "shared")
        .await
        .unwrap();
    assert_eq!(by_slug.map(|c| c.id), Some(a_course));
    assert!(courses::find(&a, b_course).await.unwrap().is_none());
    assert!(
        modules::list_for_course(&a, b_course)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        lessons::list_for_course(&a, b_course)
            .await
            .unwrap()
            .is_empty()
    );
    let counts = lessons::count_by_course(&a, &[a_course, b_course])
        .await
        .unwrap();
    assert_eq!(
        (counts.get(&a_course), counts.get(&b_course)),
        (Some(&2), None)
    );
    assert!(memberships::find(&a, stranger.id).await.unwrap().is_none());
    assert_eq!(courses::count(&a).await.unwrap(), 1);

    // Updates and deletes with beta's ids change nothing.
    let takeover = courses::CourseChanges {
        title: Some("Taken over"),
        ..Default::default()
    };
    assert!(!courses::update(&a, b_course, takeover).await.unwrap());
    assert!(!courses::set_published(&a, b_course, false).await.unwrap());
    assert!(!courses::delete(&a, b_course).await.unwrap());
    a.commit().await.unwrap();

    // Keys refuse rows that point across tenants.
    let a = w.tx(alpha).await;
    assert!(modules::create(&a, b_course, "Smuggled", 9).await.is_err());
    a.rollback().await.unwrap();
    let a = w.tx(alpha).await;
    let smuggled = lessons::NewLesson {
        course_id: a_course,
        module_id: b_module,
        title: "Smuggled",
        body_markdown: "",
        position: 9,
        published: true,
    };
    assert!(lessons::create(&a, smuggled).await.is_err());
    a.rollback().await.unwrap();

    let b = w.tx(beta).await;
    let kept = courses::find(&b, b_course)
        .await
        .unwrap()
        .expect("beta's course remains");
    assert_eq!(
        (kept.title.as_str(), kept.status.as_str()),
        ("Shared Title", "published")
    );
    assert_eq!(
        lessons::list_for_course(&b, b_course).await.unwrap().len(),
        2
    );
    b.commit().await.unwrap();

    // The same functions do change alpha's own rows.
    let a = w.tx(alpha).await;
    let rename = courses::CourseChanges {
        title: Some("Alpha's own"),
        ..Default::default()
    };
    assert!(courses::update(&a, a_course, rename).await.unwrap());
    assert!(courses::delete(&a, a_course).await.unwrap());
    assert!(
        lessons::list_for_course(&a, a_course)
            .await
            .unwrap()
            .is_empty()
    );
    a.commit().await.unwrap();
}

#[tokio::test]
async fn visibility_follows_status_and_access_level() {
    let w = Bypass::new().await;
    let gamma = w.tenant("gamma").await;
    let t = w.tx(gamma).await;
    course(&t, true, "public", "open").await;
    course(&t, true, "members", "inner").await;
    course(&t, false, "public", "draft").await;
    let slugs = |list: Vec<courses::Listed>| {
        let mut s: Vec<_> = list.into_iter().map(|c| c.course.slug).collect();
        s.sort();
        s
    };
    assert_eq!(
        slugs(
            courses::list_visible(&t, Audience::Public, None)
                .await
                .unwrap()
        ),
        ["open"]
    );
    assert_eq!(
        slugs(
            courses::list_visible(&t, Audience::Members, None)
                .await
                .unwrap()
        ),
        ["inner", "open"]
    );
    assert!(
        courses::find_visible_by_slug(&t, Audience::Members, "draft")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        courses::find_visible_by_slug(&t, Audience::Public, "inner")
            .await
            .unwrap()
            .is_none()
    );
    t.commit().await.unwrap();
}
