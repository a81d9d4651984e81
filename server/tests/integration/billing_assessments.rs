//! Selling the assessments area: while a tenant sells it, quizzes are for members whose signed
//! plan or paid product includes it; a suspended plan locks them again; staff and tenants that
//! do not sell assessments are unaffected.

use crate::billing::{checkout, json, pay, person, world};
use crate::support::*;
use app::api::admin::assessments_sale::SellAssessments;
use app::api::admin::offers::AdminOffers;
use app::api::admin::subscriptions::ChangeSubscription;
use app::api::assessments::Quiz;
use app::api::billing::BuyProduct;
use app::data::repos::plans::{self, NewPlan, NewProduct};
use app::data::repos::{enrollments, quizzes, subscriptions};
use app::model::billing::OffersView;
use app::model::subscription::BillingInterval;
use server_fn::ServerFn;
use uuid::Uuid;

#[tokio::test]
async fn sold_assessments_open_with_a_plan_or_product_that_includes_them() {
    let w = world().await;
    let db = w.app.state.db.clone();
    let t = tx(&db, "alpha").await;
    let (course, _, _) = create_course(&t, "quizzed", "Quizzed", "public", true, &["One"]).await;
    let quiz = quizzes::create(&t, course, "Check", 50).await.unwrap();
    quizzes::add_question(
        &t,
        quiz.id,
        "Two plus two?",
        false,
        0,
        &[("4", true), ("5", false)],
    )
    .await
    .unwrap();
    let plan = plans::create(
        &t,
        NewPlan {
            name: "Assessments club",
            description: "",
            interval: BillingInterval::Month,
            amount_minor: 900,
            grants_level: None,
            grants_assessments: true,
        },
    )
    .await
    .unwrap();
    let product = plans::create_product(
        &t,
        NewProduct {
            name: "Assessment pack",
            description: "",
            amount_minor: 19900,
            grants_course: None,
            grants_assessments: true,
        },
    )
    .await
    .unwrap();
    let peer = user_id(&db, "peer@example.org").await.unwrap();
    for user in [w.learner, peer] {
        enrollments::enroll(&t, course, user).await.unwrap();
    }
    t.commit().await.unwrap();
    let take = format!("quiz_id={}", quiz.id);

    let mut learner = person(&w.app, "alpha", "learner").await;
    let mut peer_b = person(&w.app, "alpha", "peer").await;
    assert_eq!(
        learner.call(Quiz::PATH, &take).await.status,
        200,
        "open by default"
    );

    // Only admins choose to sell them.
    let sell = "sold=true";
    assert_eq!(learner.call(SellAssessments::PATH, sell).await.status, 403);
    let mut admin = person(&w.app, "alpha", "admin").await;
    assert_eq!(admin.call(SellAssessments::PATH, sell).await.status, 200);
    let offers: OffersView = json(&admin.call(AdminOffers::PATH, "").await);
    assert!(offers.assessments_sold);

    for b in [&mut learner, &mut peer_b] {
        let refused = b.call(Quiz::PATH, &take).await;
        assert_eq!(refused.status, 403, "{}", refused.body);
        assert!(
            refused.body.contains("assessments_required"),
            "{}",
            refused.body
        );
    }
    // beta does not sell its assessments: nothing changes there (its setting is its own).
    let beta = owner_text(
        &w.app,
        "SELECT coalesce(settings ->> 'assessments', 'open') FROM tenants WHERE slug = 'beta'",
    )
    .await;
    assert_eq!(beta, "open");

    // The learner buys the assessment pack.
    let to: String = json(
        &learner
            .call(BuyProduct::PATH, &format!("product_id={product}"))
            .await,
    );
    let invoice: Uuid = to.rsplit_once("/pay/").unwrap().1.parse().unwrap();
    assert_eq!(pay(&mut learner, invoice, "pay").await.status, 200);
    assert_eq!(learner.call(Quiz::PATH, &take).await.status, 200);

    // The peer subscribes to a plan that includes them; a suspension locks them again.
    let invoice = checkout(&mut peer_b, plan).await;
    assert_eq!(pay(&mut peer_b, invoice, "pay").await.status, 200);
    assert_eq!(peer_b.call(Quiz::PATH, &take).await.status, 200);
    let t = tx(&db, "alpha").await;
    let sub = subscriptions::of_member(&t, peer).await.unwrap().remove(0);
    t.commit().await.unwrap();
    let change =
        |action: &str| format!("subscription_id={}&action={action}&reason=Testing", sub.id);
    let suspended = admin
        .call(ChangeSubscription::PATH, &change("suspend"))
        .await;
    assert_eq!(suspended.status, 200, "{}", suspended.body);
    let locked = peer_b.call(Quiz::PATH, &take).await;
    assert_eq!(locked.status, 403);
    assert!(
        locked.body.contains("subscription_suspended"),
        "{}",
        locked.body
    );
    admin
        .call(ChangeSubscription::PATH, &change("resume"))
        .await;
    assert_eq!(peer_b.call(Quiz::PATH, &take).await.status, 200);

    // Opening them again lets everyone back in.
    assert_eq!(
        admin.call(SellAssessments::PATH, "sold=false").await.status,
        200
    );
    admin.call(ChangeSubscription::PATH, &change("end")).await;
    assert_eq!(peer_b.call(Quiz::PATH, &take).await.status, 200);
}
