//! The application layer on its own: these tests reach the database as a superuser, which
//! bypasses Row-Level Security, so only the repositories' own `tenant_id` filters and composite
//! keys stand between tenants. (`rls.rs` tests the database backstop on its own.)

use crate::support::*;
use app::data::repos::{Audience, courses, lessons, memberships, modules, users};
use app::data::{Db, TenantTx};
use uuid::Uuid;

/// A fresh, migrated database reached through a connection that bypasses RLS.
struct Bypass {
    db: Db,
    _test_db: TestDb,
}

impl Bypass {
    async fn new() -> Self {
        let test_db = TestDb::new().await;
        // A superuser may enter the platform role too, so one URL serves both pools.
        let db = Db::connect(&test_db.owner_url, &test_db.owner_url, 4)
            .await
            .unwrap();
        assert!(
            test_db.owner_bypasses_rls().await,
            "these tests need a connection that bypasses RLS (a superuser)"
        );
        Self {
            db,
            _test_db: test_db,
        }
    }

    async fn tenant(&self, slug: &'static str) -> &'static str {
        create_tenant(&self.db, TenantSpec::new(slug, slug, "#112233")).await;
        slug
    }

    async fn tx(&self, slug: &str) -> TenantTx {
        tx(&self.db, slug).await
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
    assert_eq!(visible.iter().map(|c| c.id).collect::<Vec<_>>(), [a_course]);
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
    let counted: Vec<_> = courses::list_for_studio(&a)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.course.id, row.lesson_count, row.learner_count))
        .collect();
    assert_eq!(
        counted,
        [(a_course, 2, 0)],
        "beta's lessons are not counted"
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
        let mut s: Vec<_> = list.into_iter().map(|c| c.slug).collect();
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
