//! Renewals and dunning as jobs, with the clock moved instead of waited for: a renewal that
//! pays moves the subscription to its next period; one that is declined is retried after 1, 3
//! and 5 days, then suspends the subscription (its course locks), which ends when the grace
//! period runs out; a job killed after charging and run again charges once.

use crate::billing::{World, checkout, json, lesson, only_subscription, pay, person, world};
use crate::support::*;
use app::api::billing::MyBilling;
use app::api::learning::Enroll;
use app::billing::{Outcome as Charged, Payment};
use app::data::repos::simulated_payments;
use app::jobs::billing::{GRACE_DAYS, RETRY_DAYS, charge_key};
use app::jobs::{ManualClock, Outcome, Worker};
use app::model::billing::{InvoiceStatus, MyBillingView};
use chrono::{DateTime, Duration, Months, Utc};
use server_fn::ServerFn;
use std::sync::Arc;

/// The learner subscribed and paid for the Club plan, and enrolled in its course.
async fn subscribed(w: &World) -> (uuid::Uuid, DateTime<Utc>) {
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    json::<String>(&pay(&mut learner, invoice, "pay").await);
    assert_eq!(learner.call(Enroll::PATH, "slug=club").await.status, 200);
    let sub = only_subscription(&w.app, w.learner).await;
    (sub.id, sub.current_period_end.expect("a paid period"))
}

fn worker(w: &World, clock: Arc<ManualClock>) -> Worker {
    Worker::new(
        w.app.state.db.clone(),
        clock,
        w.app.state.config.upload_dir.clone(),
    )
    .with_payments(w.app.state.payments.clone())
}

async fn run(worker: &Worker) -> Vec<Outcome> {
    worker.run_due(20).await.unwrap()
}

fn done(kind: &str) -> Outcome {
    Outcome::Done { kind: kind.into() }
}

async fn card_declines(w: &World) {
    let t = tx(&w.app.state.db, "alpha").await;
    simulated_payments::set_card(&t, w.learner, true)
        .await
        .unwrap();
    t.commit().await.unwrap();
}

#[tokio::test]
async fn a_paid_renewal_moves_the_subscription_to_its_next_period() {
    let w = world().await;
    let (_, end) = subscribed(&w).await;
    let clock = Arc::new(ManualClock::starting_at(end - Duration::hours(1)));
    let worker = worker(&w, clock.clone());
    assert!(
        run(&worker).await.is_empty(),
        "nothing is due before the period ends"
    );

    clock.advance(Duration::hours(2));
    assert_eq!(run(&worker).await, [done("billing.renew")]);
    let sub = only_subscription(&w.app, w.learner).await;
    assert_eq!(sub.state, "signed");
    let next = end.checked_add_months(Months::new(1)).unwrap();
    assert_eq!(sub.current_period_end, Some(next));

    let mut learner = person(&w.app, "alpha", "learner").await;
    let billing: MyBillingView = json(&learner.call(MyBilling::PATH, "").await);
    let paid = billing
        .invoices
        .iter()
        .filter(|i| i.status == InvoiceStatus::Paid)
        .count();
    assert_eq!(paid, 2, "the checkout and the renewal");
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM jobs WHERE kind = 'billing.renew' AND status = 'queued'"
        )
        .await,
        1,
        "the next renewal is scheduled"
    );
    assert!(run(&worker).await.is_empty(), "and not due yet");
}

#[tokio::test]
async fn a_declined_renewal_is_retried_then_suspends_then_ends_and_progress_stays() {
    let w = world().await;
    let (_, end) = subscribed(&w).await;
    card_declines(&w).await;
    let clock = Arc::new(ManualClock::starting_at(end + Duration::minutes(1)));
    let worker = worker(&w, clock.clone());
    let mut learner = person(&w.app, "alpha", "learner").await;
    let first = w.club_lessons[0];

    assert_eq!(run(&worker).await, [done("billing.renew")]);
    let mut previous = 0;
    for (i, day) in RETRY_DAYS.iter().enumerate() {
        let sub = only_subscription(&w.app, w.learner).await;
        assert_eq!(sub.state, "signed", "still open while retrying ({i})");
        assert_eq!(lesson(&mut learner, first).await.status, 200);
        clock.advance(Duration::days(day - previous));
        previous = *day;
        assert_eq!(run(&worker).await, [done("billing.renew")], "retry {i}");
    }
    let sub = only_subscription(&w.app, w.learner).await;
    assert_eq!(sub.state, "suspended");
    let locked = lesson(&mut learner, first).await;
    assert_eq!(locked.status, 403);
    assert!(locked.body.contains("subscription_suspended"));
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM simulated_charges").await,
        5,
        "the checkout and four renewal attempts"
    );
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM invoices WHERE status = 'failed'"
        )
        .await,
        1
    );

    clock.advance(Duration::days(GRACE_DAYS) - Duration::hours(1));
    assert!(
        run(&worker).await.is_empty(),
        "the grace period is not over"
    );
    clock.advance(Duration::hours(2));
    assert_eq!(run(&worker).await, [done("billing.expire")]);
    let sub = only_subscription(&w.app, w.learner).await;
    assert_eq!(sub.state, "unsigned");
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM lesson_progress lp JOIN users u ON u.id = lp.user_id \
             WHERE u.email = 'learner@example.org'"
        )
        .await,
        1,
        "the lesson viewed before stays recorded"
    );
    let causes = owner_text(
        &w.app,
        "SELECT string_agg(to_state || ':' || cause, ',' ORDER BY at) FROM subscription_history",
    )
    .await;
    assert_eq!(
        causes,
        "signing:user,signed:payment,suspended:job,unsigned:job"
    );
}

#[tokio::test]
async fn paying_while_suspended_resumes_and_the_expiry_then_does_nothing() {
    let w = world().await;
    let (_, end) = subscribed(&w).await;
    card_declines(&w).await;
    let clock = Arc::new(ManualClock::starting_at(end + Duration::minutes(1)));
    let worker = worker(&w, clock.clone());
    run(&worker).await;
    for day in RETRY_DAYS {
        clock.advance(Duration::days(day));
        run(&worker).await;
    }
    assert_eq!(
        only_subscription(&w.app, w.learner).await.state,
        "suspended"
    );

    // The member fixes their card and pays the suspended subscription.
    let t = tx(&w.app.state.db, "alpha").await;
    simulated_payments::set_card(&t, w.learner, false)
        .await
        .unwrap();
    t.commit().await.unwrap();
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    json::<String>(&pay(&mut learner, invoice, "pay").await);
    assert_eq!(only_subscription(&w.app, w.learner).await.state, "signed");
    assert_eq!(lesson(&mut learner, w.club_lessons[0]).await.status, 200);

    clock.advance(Duration::days(GRACE_DAYS + 1));
    let outcomes = run(&worker).await;
    assert!(outcomes.contains(&done("billing.expire")), "{outcomes:?}");
    assert_eq!(
        only_subscription(&w.app, w.learner).await.state,
        "signed",
        "an expiry overtaken by a payment does nothing"
    );
}

#[tokio::test]
async fn a_renewal_killed_after_charging_and_run_again_charges_once() {
    let w = world().await;
    let (sub, end) = subscribed(&w).await;
    let alpha = resolve(&w.app.state.db, "alpha").await.id();
    // A first run charged the card, then died before recording anything.
    let key = charge_key(sub, end, 0);
    let charged = w
        .app
        .state
        .payments
        .charge(&Payment {
            tenant_id: alpha,
            invoice: uuid::Uuid::new_v4(),
            user: w.learner,
            amount_minor: 2900,
            currency: "USD",
            idempotency_key: &key,
        })
        .await
        .unwrap();
    assert_eq!(charged, Charged::Paid);

    let clock = Arc::new(ManualClock::starting_at(end + Duration::minutes(1)));
    let worker = worker(&w, clock);
    assert_eq!(run(&worker).await, [done("billing.renew")]);
    let sql = format!("SELECT count(*) FROM simulated_charges WHERE idempotency_key = '{key}'");
    assert_eq!(owner_scalar(&w.app, &sql).await, 1, "charged once");
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM simulated_charges").await,
        2,
        "the checkout and the one renewal charge"
    );
    let sub = only_subscription(&w.app, w.learner).await;
    assert_eq!(sub.state, "signed");
    assert!(
        sub.current_period_end > Some(end),
        "the renewal took effect"
    );
}
