//! The subscription lifecycle as the database enforces it (migration 0024): every legal move
//! allowed and every other refused when the app role writes SQL directly, each move recorded
//! with its cause, and prices that never change under a subscriber.

use crate::support::*;
use app::data::repos::plans::{self, NewPlan};
use app::data::repos::subscriptions::{self, Change};
use app::model::subscription::{BillingInterval, ChangeCause, SubscriptionState};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use uuid::Uuid;

const STATES: [SubscriptionState; 4] = SubscriptionState::ALL;

fn by(cause: ChangeCause) -> Change<'static> {
    Change {
        cause,
        actor: None,
        reason: "test",
    }
}

struct Shop {
    db: app::data::Db,
    tenant: Uuid,
    plan: Uuid,
}

async fn shop(test_db: &TestDb) -> Shop {
    let db = test_db.app_db().await;
    let tenant = create_tenant(&db, TenantSpec::new("shop", "Shop Org", "#224466")).await;
    let t = tx(&db, "shop").await;
    let plan = plans::create(
        &t,
        NewPlan {
            name: "Monthly",
            description: "Everything",
            interval: BillingInterval::Month,
            amount_minor: 2900,
            grants_level: None,
            grants_assessments: true,
        },
    )
    .await
    .unwrap();
    t.commit().await.unwrap();
    Shop { db, tenant, plan }
}

/// A new member with a subscription brought to `state` along legal moves.
async fn subscription_in(shop: &Shop, n: usize, state: SubscriptionState) -> Uuid {
    use SubscriptionState::*;
    let t = tx(&shop.db, "shop").await;
    let user = create_member(&shop.db, &t, &format!("m{n}@example.org"), "member").await;
    let sub = subscriptions::start(&t, user, shop.plan, by(ChangeCause::User))
        .await
        .unwrap();
    let now = Utc::now();
    let period = Some((now, now + Duration::days(30)));
    let path: &[SubscriptionState] = match state {
        Signing => &[],
        Signed => &[Signed],
        Suspended => &[Signed, Suspended],
        Unsigned => &[Unsigned],
    };
    for step in path {
        subscriptions::transition(&t, sub.id, *step, period, by(ChangeCause::Payment))
            .await
            .unwrap()
            .unwrap();
    }
    t.commit().await.unwrap();
    sub.id
}

/// Runs `sql` as the application role inside the tenant, the repositories bypassed.
async fn raw_as_tenant(conn: &DatabaseConnection, tenant: Uuid, sql: &str) -> Result<u64, String> {
    let txn = conn.begin().await.unwrap();
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config('app.tenant_id', $1, true)",
        [tenant.to_string().into()],
    ))
    .await
    .unwrap();
    let result = txn.execute_unprepared(sql).await;
    match result {
        Ok(done) => {
            txn.commit().await.unwrap();
            Ok(done.rows_affected())
        }
        Err(e) => {
            txn.rollback().await.unwrap();
            Err(e.to_string())
        }
    }
}

#[tokio::test]
async fn the_database_allows_exactly_the_lifecycle_moves() {
    let test_db = TestDb::new().await;
    let shop = shop(&test_db).await;
    let raw = test_db.raw_app(1).await;
    let mut n = 0;
    for from in STATES {
        for to in STATES.into_iter().filter(|to| *to != from) {
            n += 1;
            let id = subscription_in(&shop, n, from).await;
            let sql = format!(
                "UPDATE subscriptions SET state = '{}', current_period_start = \
                 coalesce(current_period_start, now()), current_period_end = \
                 coalesce(current_period_end, now() + interval '30 days'), \
                 last_cause = 'admin' WHERE id = '{id}'",
                to.as_str()
            );
            let result = raw_as_tenant(&raw, shop.tenant, &sql).await;
            if from.may_become(to) {
                assert_eq!(result, Ok(1), "{from:?} -> {to:?} must be allowed");
            } else {
                let error = result.expect_err(&format!("{from:?} -> {to:?} must be refused"));
                assert!(
                    error.contains("cannot go from"),
                    "{from:?} -> {to:?}: {error}"
                );
            }
        }
    }
    // The Rust API meets the same wall.
    let ended = subscription_in(&shop, 100, SubscriptionState::Unsigned).await;
    let t = tx(&shop.db, "shop").await;
    let refused = subscriptions::transition(
        &t,
        ended,
        SubscriptionState::Signed,
        None,
        by(ChangeCause::Admin),
    )
    .await;
    assert!(
        refused.is_err(),
        "an ended subscription cannot be signed again"
    );
}

#[tokio::test]
async fn a_subscription_starts_at_signing_and_keeps_its_member_plan_and_price() {
    let test_db = TestDb::new().await;
    let shop = shop(&test_db).await;
    let raw = test_db.raw_app(1).await;
    let id = subscription_in(&shop, 1, SubscriptionState::Signed).await;
    let t = tx(&shop.db, "shop").await;
    let sub = subscriptions::find(&t, id).await.unwrap().unwrap();
    t.rollback().await.unwrap();

    let inserted_signed = raw_as_tenant(
        &raw,
        shop.tenant,
        &format!(
            "INSERT INTO subscriptions (tenant_id, user_id, plan_id, price_id, state, \
               current_period_start, current_period_end) \
             VALUES ('{}', '{}', '{}', '{}', 'signed', now(), now() + interval '1 day')",
            shop.tenant, sub.user_id, sub.plan_id, sub.price_id
        ),
    )
    .await;
    assert!(
        inserted_signed.is_err(),
        "a subscription cannot be created already paid"
    );

    // A price change: the subscriber keeps the old price, a new subscriber gets the new one.
    let t = tx(&shop.db, "shop").await;
    let new_price = plans::set_price(&t, shop.plan, 3900).await.unwrap();
    t.commit().await.unwrap();
    let moved = raw_as_tenant(
        &raw,
        shop.tenant,
        &format!("UPDATE subscriptions SET price_id = '{new_price}' WHERE id = '{id}'"),
    )
    .await;
    assert!(
        moved.is_err(),
        "a subscription keeps the price it signed at"
    );
    let newcomer = subscription_in(&shop, 2, SubscriptionState::Signing).await;
    let t = tx(&shop.db, "shop").await;
    assert_eq!(
        subscriptions::find(&t, newcomer)
            .await
            .unwrap()
            .unwrap()
            .price_id,
        new_price
    );
    assert_eq!(
        subscriptions::find(&t, id).await.unwrap().unwrap().price_id,
        sub.price_id
    );
    let current = plans::current_price(&t, shop.plan).await.unwrap().unwrap();
    assert_eq!(
        (current.amount_minor, current.currency.as_str()),
        (3900, "USD")
    );
}

#[tokio::test]
async fn every_move_is_recorded_with_its_cause_and_the_app_cannot_forge_history() {
    let test_db = TestDb::new().await;
    let shop = shop(&test_db).await;
    let id = subscription_in(&shop, 1, SubscriptionState::Suspended).await;
    let admin = Uuid::new_v4();
    let t = tx(&shop.db, "shop").await;
    subscriptions::transition(
        &t,
        id,
        SubscriptionState::Unsigned,
        None,
        Change {
            cause: ChangeCause::Admin,
            actor: Some(admin),
            reason: "asked to leave",
        },
    )
    .await
    .unwrap()
    .unwrap();
    let history = subscriptions::history(&t, id).await.unwrap();
    t.commit().await.unwrap();
    let moves: Vec<_> = history
        .iter()
        .map(|h| {
            (
                h.from_state.clone().unwrap_or_default(),
                h.to_state.clone(),
                h.cause.clone(),
            )
        })
        .collect();
    let expected = [
        ("", "signing", "user"),
        ("signing", "signed", "payment"),
        ("signed", "suspended", "payment"),
        ("suspended", "unsigned", "admin"),
    ]
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
    assert_eq!(moves, expected);
    let last = history.last().unwrap();
    assert_eq!(
        (last.actor_id, last.reason.as_str()),
        (Some(admin), "asked to leave")
    );

    let raw = test_db.raw_app(1).await;
    let forged = raw_as_tenant(
        &raw,
        shop.tenant,
        &format!(
            "INSERT INTO subscription_history (tenant_id, subscription_id, to_state, cause) \
             VALUES ('{}', '{id}', 'signed', 'user')",
            shop.tenant
        ),
    )
    .await;
    assert!(forged.is_err(), "history is written by the database only");
    let rewritten = raw_as_tenant(
        &raw,
        shop.tenant,
        "UPDATE subscription_history SET cause = 'job'",
    )
    .await;
    assert!(rewritten.is_err(), "history cannot be rewritten");
}

/// Money records keep their member and plan while the tenant lives, and go with it when it is
/// deleted (the references are checked at the end of the deleting statement).
#[tokio::test]
async fn deleting_a_tenant_takes_its_subscriptions_with_it() {
    let test_db = TestDb::new().await;
    let shop = shop(&test_db).await;
    subscription_in(&shop, 1, SubscriptionState::Signed).await;
    let owner = test_db.owner().await;
    let plan_delete = owner
        .execute_unprepared(&format!("DELETE FROM plans WHERE id = '{}'", shop.plan))
        .await
        .expect_err("a plan with subscribers stays");
    assert!(
        plan_delete.to_string().contains("foreign key"),
        "{plan_delete}"
    );

    let platform = test_db.raw_platform().await;
    let txn = platform.begin().await.unwrap();
    txn.execute_unprepared("SET LOCAL ROLE atrium_platform")
        .await
        .unwrap();
    txn.execute_unprepared(&format!("DELETE FROM tenants WHERE id = '{}'", shop.tenant))
        .await
        .unwrap();
    let left = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT (SELECT count(*) FROM subscriptions) + (SELECT count(*) FROM plans) \
             + (SELECT count(*) FROM subscription_history)"
                .to_owned(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(left, 0);
    txn.commit().await.unwrap();
}
