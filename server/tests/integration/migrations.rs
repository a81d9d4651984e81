//! Data migrations on data written before them: the schema a running Atrium had, rows in it, then
//! the rest of the migrations, as an upgrade would run them.

use crate::support::*;
use app::data::repos::course_access;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// Migrations up to and including 0027, the last before course orders moved onto invoices.
const BEFORE_COURSE_SALES: u32 = 27;

#[tokio::test]
async fn course_orders_become_invoices_of_course_products() {
    let test_db = TestDb::migrated_up_to(BEFORE_COURSE_SALES).await;
    let owner = test_db.owner().await;
    let (tenant, priced, unpriced, gone) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    let (buyer, refunded, waiting) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let (paid_order, refunded_order, pending_order, gone_order) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    owner
        .execute_unprepared(&format!(
            "INSERT INTO tenants (id, slug, name) VALUES ('{tenant}', 'old', 'Old Shop');
             INSERT INTO users (id, email, display_name) VALUES
               ('{buyer}', 'buyer@example.org', 'Buyer'),
               ('{refunded}', 'refunded@example.org', 'Refunded'),
               ('{waiting}', 'waiting@example.org', 'Waiting');
             INSERT INTO memberships (tenant_id, user_id, role) VALUES
               ('{tenant}', '{buyer}', 'member'), ('{tenant}', '{refunded}', 'member'),
               ('{tenant}', '{waiting}', 'member');
             INSERT INTO courses (tenant_id, id, slug, title, status, published_at, price_cents)
             VALUES ('{tenant}', '{priced}', 'priced', 'Priced Course', 'published', now(), 4900),
                    ('{tenant}', '{unpriced}', 'free-now', 'Free Now', 'published', now(), 0),
                    ('{tenant}', '{gone}', 'gone', 'Gone Course', 'published', now(), 1500);
             INSERT INTO orders (tenant_id, id, user_id, course_id, course_title, amount_cents,
                                 status, paid_at, refunded_at) VALUES
               ('{tenant}', '{paid_order}', '{buyer}', '{priced}', 'Priced Course', 4900,
                'paid', now() - interval '2 days', NULL),
               ('{tenant}', '{refunded_order}', '{refunded}', '{unpriced}', 'Free Now', 2500,
                'refunded', now() - interval '3 days', now() - interval '1 day'),
               ('{tenant}', '{pending_order}', '{waiting}', '{priced}', 'Priced Course', 4500,
                'pending', NULL, NULL),
               ('{tenant}', '{gone_order}', '{buyer}', '{gone}', 'Gone Course', 1500,
                'paid', now() - interval '5 days', NULL);
             -- Deleting a course kept its orders under its title (migration 0010).
             DELETE FROM courses WHERE id = '{gone}';"
        ))
        .await
        .unwrap();
    owner.close().await.unwrap();

    test_db.finish_migrations().await;
    let app = TestApp::spawn(test_db).await;

    // Every order is an invoice with the same id, amount and state, for the course's product.
    let invoices = owner_text(
        &app,
        &format!(
            "SELECT string_agg(i.id::text || ' ' || i.status || ' ' || i.amount_minor || ' ' \
               || p.kind || ' ' || p.name || ' ' || p.status || ' ' \
               || coalesce(p.grants_course_id::text, '-'), ', ' ORDER BY i.amount_minor) \
             FROM invoices i JOIN products p ON p.tenant_id = i.tenant_id AND p.id = i.product_id \
             WHERE i.tenant_id = '{tenant}'"
        ),
    )
    .await;
    assert_eq!(
        invoices,
        format!(
            "{gone_order} paid 1500 course Gone Course archived -, \
             {refunded_order} refunded 2500 course Free Now archived {unpriced}, \
             {pending_order} open 4500 course Priced Course active {priced}, \
             {paid_order} paid 4900 course Priced Course active {priced}"
        )
    );
    assert_eq!(
        owner_scalar(
            &app,
            "SELECT count(*) FROM pg_class WHERE relname = 'orders'"
        )
        .await,
        0,
        "the orders table is gone"
    );
    // The provider's books know the charges, so the migrated sales can be refunded.
    assert_eq!(
        owner_text(
            &app,
            &format!(
                "SELECT string_agg(idempotency_key || ' ' || refunded, ', ' ORDER BY amount_minor) \
                 FROM simulated_charges WHERE tenant_id = '{tenant}'"
            ),
        )
        .await,
        format!("order:{gone_order} false, order:{refunded_order} true, order:{paid_order} false")
    );

    // What was bought still opens the course; what was refunded or never paid does not.
    let db = app.state.db.clone();
    let t = tx(&db, "old").await;
    for (user, course, granted) in [
        (buyer, priced, true),
        (waiting, priced, false),
        (refunded, unpriced, false),
    ] {
        let access = course_access::of(&t, user, course, None).await.unwrap();
        assert_eq!(access.granted, granted, "{user} {course}");
    }
    t.commit().await.unwrap();
    // The waiting checkout continues from the course page.
    let t = tx(&db, "old").await;
    assert_eq!(
        app::data::repos::course_products::open_invoice(&t, waiting, priced)
            .await
            .unwrap(),
        Some(pending_order)
    );
    t.commit().await.unwrap();
}
