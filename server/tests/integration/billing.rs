//! Plans, checkout and entitlements over HTTP as learners and admins would: availability by
//! member level, a plan's course opening with a signed subscription and locking while it is
//! suspended (progress kept), declined and abandoned checkouts, cancelling, products, and a
//! member leaving. The world and helpers here serve the other billing tests too.

use crate::support::*;
use app::api::admin::subscriptions::{AdminSubscription, ChangeSubscription, Subscribers};
use app::api::billing::{
    CancelSubscription, ConfirmPayment, KeepSubscription, MyBilling, Pricing, Subscribe,
};
use app::api::learning::{CompleteLesson, Enroll, LessonPage};
use app::data::repos::plans::{self, NewPlan};
use app::data::repos::{enrollments, levels, subscriptions};
use app::model::billing::{MyBillingView, PricingView, SubscriptionRecord};
use app::model::learning::LessonView;
use app::model::subscription::{BillingInterval, SubscriptionState};
use server_fn::ServerFn;
use uuid::Uuid;

pub(crate) struct World {
    pub(crate) app: TestApp,
    /// alpha's plan that grants the course "club" (open to every member).
    pub(crate) club_plan: Uuid,
    /// alpha's plan for Gold members only.
    pub(crate) gold_plan: Uuid,
    pub(crate) club: Uuid,
    pub(crate) club_lessons: Vec<Uuid>,
    pub(crate) learner: Uuid,
}

/// alpha (every feature): course "club" (public, in the Club plan), levels Gold, plans Club
/// ($29/month) and Gold ($290/year, Gold members only). People: learner and peer (members),
/// goldie (a Gold member), admin. beta (every feature): its own plan, member outsider, admin
/// beta-admin.
pub(crate) async fn world() -> World {
    let app = TestApp::spawn(TestDb::new().await).await;
    let db = app.state.db.clone();
    create_tenant(
        &db,
        TenantSpec::new("alpha", "Alpha Org", "#112233").everything(),
    )
    .await;
    create_tenant(
        &db,
        TenantSpec::new("beta", "Beta Org", "#445566").everything(),
    )
    .await;

    let t = tx(&db, "alpha").await;
    let (club, _, club_lessons) =
        create_course(&t, "club", "Club Course", "public", true, &["One", "Two"]).await;
    let gold = levels::add(&t, "Gold").await.unwrap();
    let plan = |name: &'static str, interval, amount_minor| NewPlan {
        name,
        description: "",
        interval,
        amount_minor,
        grants_level: None,
        grants_assessments: false,
    };
    let club_plan = plans::create(&t, plan("Club", BillingInterval::Month, 2900))
        .await
        .unwrap();
    plans::grant_course(&t, club_plan, club).await.unwrap();
    let gold_plan = plans::create(&t, plan("Gold", BillingInterval::Year, 29000))
        .await
        .unwrap();
    plans::allow_level(&t, gold_plan, gold).await.unwrap();
    let learner = create_person(&db, &t, "learner@example.org", "member").await;
    create_person(&db, &t, "peer@example.org", "member").await;
    let goldie = create_person(&db, &t, "goldie@example.org", "member").await;
    levels::set_member_level(&t, goldie, Some(gold))
        .await
        .unwrap();
    create_person(&db, &t, "admin@example.org", "admin").await;
    t.commit().await.unwrap();

    let b = tx(&db, "beta").await;
    plans::create(&b, plan("Beta Plan", BillingInterval::Month, 1900))
        .await
        .unwrap();
    create_person(&db, &b, "outsider@example.org", "member").await;
    create_person(&db, &b, "beta-admin@example.org", "admin").await;
    b.commit().await.unwrap();
    World {
        app,
        club_plan,
        gold_plan,
        club,
        club_lessons,
        learner,
    }
}

pub(crate) async fn person<'a>(app: &'a TestApp, tenant: &str, who: &str) -> Browser<'a> {
    let mut b = Browser::new(app, "localhost", &format!("/{tenant}"));
    if who != "anonymous" {
        let page = b.sign_in(&format!("{who}@example.org"), PASSWORD).await;
        assert!(page.status < 400, "{who} signs in: {}", page.body);
    }
    b
}

pub(crate) fn json<T: serde::de::DeserializeOwned>(page: &Page) -> T {
    assert_eq!(page.status, 200, "{}", page.body);
    serde_json::from_str(&page.body).unwrap_or_else(|e| panic!("{e}: {}", page.body))
}

/// Starts checkout of `plan`; returns the invoice to pay (from the payment page's address).
pub(crate) async fn checkout(b: &mut Browser<'_>, plan: Uuid) -> Uuid {
    let to: String = json(&b.call(Subscribe::PATH, &format!("plan_id={plan}")).await);
    let (_, invoice) = to
        .rsplit_once("/pay/")
        .unwrap_or_else(|| panic!("a payment page, not {to}"));
    invoice.parse().unwrap()
}

pub(crate) async fn pay(b: &mut Browser<'_>, invoice: Uuid, choice: &str) -> Page {
    b.call(
        ConfirmPayment::PATH,
        &format!("invoice_id={invoice}&choice={choice}"),
    )
    .await
}

pub(crate) async fn only_subscription(app: &TestApp, user: Uuid) -> subscriptions::Owned {
    let t = tx(&app.state.db, "alpha").await;
    let mut all = subscriptions::of_member(&t, user).await.unwrap();
    t.commit().await.unwrap();
    assert_eq!(all.len(), 1, "one subscription");
    all.remove(0)
}

pub(crate) async fn lesson(b: &mut Browser<'_>, lesson: Uuid) -> Page {
    b.call(LessonPage::PATH, &format!("slug=club&lesson_id={lesson}"))
        .await
}

#[tokio::test]
async fn a_plan_s_course_opens_when_signed_and_locks_while_suspended_keeping_progress() {
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let first = w.club_lessons[0];

    let refused = learner.call(Enroll::PATH, "slug=club").await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused.body.contains("subscription_required"),
        "{}",
        refused.body
    );

    let invoice = checkout(&mut learner, w.club_plan).await;
    let page = learner.get(&format!("/pay/{invoice}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("$29.00"),
        "the payment page shows the price"
    );
    let paid: String = json(&pay(&mut learner, invoice, "pay").await);
    assert!(
        paid.ends_with("/account/subscription?payment=paid"),
        "{paid}"
    );
    let sub = only_subscription(&w.app, w.learner).await;
    assert_eq!(sub.state, "signed");
    assert!(sub.current_period_end.is_some());

    assert_eq!(learner.call(Enroll::PATH, "slug=club").await.status, 200);
    assert_eq!(lesson(&mut learner, first).await.status, 200);
    let done = learner
        .call(
            CompleteLesson::PATH,
            &format!("slug=club&lesson_id={first}"),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);

    let mut admin = person(&w.app, "alpha", "admin").await;
    let form = format!(
        "subscription_id={}&action=suspend&reason=Card+chargeback",
        sub.id
    );
    let suspended = admin.call(ChangeSubscription::PATH, &form).await;
    assert_eq!(suspended.status, 200, "{}", suspended.body);

    let locked = lesson(&mut learner, first).await;
    assert_eq!(locked.status, 403, "{}", locked.body);
    assert!(
        locked.body.contains("subscription_suspended"),
        "{}",
        locked.body
    );
    let pay_around = learner
        .call(Subscribe::PATH, &format!("plan_id={}", w.club_plan))
        .await;
    assert_eq!(
        pay_around.status, 409,
        "an admin's suspension is not lifted by paying"
    );
    assert!(
        pay_around.body.contains("Ask them to resume it"),
        "{}",
        pay_around.body
    );
    let page = learner.get(&format!("/courses/club/lessons/{first}")).await;
    assert!(
        page.body.contains("Your subscription is suspended"),
        "the lesson page says why it is locked"
    );
    let t = tx(&w.app.state.db, "alpha").await;
    assert!(
        enrollments::find(&t, w.club, w.learner)
            .await
            .unwrap()
            .is_some(),
        "the enrolment stays while suspended"
    );
    t.commit().await.unwrap();

    let form = format!(
        "subscription_id={}&action=resume&reason=Paid+by+bank+transfer",
        sub.id
    );
    assert_eq!(
        admin.call(ChangeSubscription::PATH, &form).await.status,
        200
    );
    let back: LessonView = json(&lesson(&mut learner, first).await);
    assert!(
        back.completed,
        "progress made before the suspension is kept"
    );

    let record: SubscriptionRecord = json(
        &admin
            .call(
                AdminSubscription::PATH,
                &format!("subscription_id={}", sub.id),
            )
            .await,
    );
    let moves: Vec<_> = record
        .history
        .iter()
        .map(|h| (h.to, h.cause.as_str(), h.reason.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            (SubscriptionState::Signing, "Member", "checkout started"),
            (SubscriptionState::Signed, "Payment", "checkout paid"),
            (SubscriptionState::Suspended, "Admin", "Card chargeback"),
            (SubscriptionState::Signed, "Admin", "Paid by bank transfer"),
        ]
    );
    let no_reason = format!("subscription_id={}&action=suspend&reason=+", sub.id);
    assert_eq!(
        admin
            .call(ChangeSubscription::PATH, &no_reason)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn a_plan_for_some_levels_is_refused_to_other_members() {
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let refused = learner
        .call(Subscribe::PATH, &format!("plan_id={}", w.gold_plan))
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(refused.body.contains("plan_not_available"));
    let pricing: PricingView = json(&learner.call(Pricing::PATH, "").await);
    let gold = pricing.plans.iter().find(|p| p.name == "Gold").unwrap();
    assert!(!gold.available, "shown as not available to the learner");
    assert_eq!(gold.price.display(), "$290.00");

    let mut goldie = person(&w.app, "alpha", "goldie").await;
    let pricing: PricingView = json(&goldie.call(Pricing::PATH, "").await);
    assert!(pricing.plans.iter().all(|p| p.available));
    checkout(&mut goldie, w.gold_plan).await;
    let again = goldie
        .call(Subscribe::PATH, &format!("plan_id={}", w.gold_plan))
        .await;
    assert_eq!(again.status, 200, "an unpaid checkout is picked up again");

    let mut visitor = person(&w.app, "alpha", "anonymous").await;
    let pricing: PricingView = json(&visitor.call(Pricing::PATH, "").await);
    assert!(!pricing.member && pricing.plans.len() == 2);
    let page = visitor.get("/pricing").await;
    assert!(page.body.contains("Sign in to subscribe"));
    let form = format!("plan_id={}", w.club_plan);
    assert_eq!(visitor.call(Subscribe::PATH, &form).await.status, 401);
}

#[tokio::test]
async fn declining_ends_the_checkout_and_cancelling_waits_for_the_period_end() {
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    let declined: String = json(&pay(&mut learner, invoice, "decline").await);
    assert!(declined.ends_with("payment=declined"));
    assert_eq!(only_subscription(&w.app, w.learner).await.state, "unsigned");
    assert_eq!(
        pay(&mut learner, invoice, "pay").await.status,
        409,
        "a settled invoice cannot be paid again"
    );

    let abandoned = checkout(&mut learner, w.club_plan).await;
    let billing: MyBillingView = json(&learner.call(MyBilling::PATH, "").await);
    let open = format!("subscription_id={}", billing.subscriptions[0].id);
    assert_eq!(
        learner.call(CancelSubscription::PATH, &open).await.status,
        200
    );
    let billing: MyBillingView = json(&learner.call(MyBilling::PATH, "").await);
    assert_eq!(billing.invoices[0].id, abandoned);
    assert_eq!(
        billing.invoices[0].status,
        app::model::billing::InvoiceStatus::Void
    );

    let invoice = checkout(&mut learner, w.club_plan).await;
    json::<String>(&pay(&mut learner, invoice, "pay").await);
    let billing: MyBillingView = json(&learner.call(MyBilling::PATH, "").await);
    let live = &billing.subscriptions[0];
    assert_eq!(live.state, SubscriptionState::Signed);
    assert_eq!(
        billing.invoices.len(),
        3,
        "the failed, the void and the paid invoice"
    );
    assert_eq!(billing.simulated_card_declines, Some(false));

    let id = format!("subscription_id={}", live.id);
    assert_eq!(
        learner.call(CancelSubscription::PATH, &id).await.status,
        200
    );
    let billing: MyBillingView = json(&learner.call(MyBilling::PATH, "").await);
    assert!(billing.subscriptions[0].cancel_at_period_end);
    assert_eq!(
        billing.subscriptions[0].state,
        SubscriptionState::Signed,
        "access runs to the end of the paid period"
    );
    assert_eq!(learner.call(Enroll::PATH, "slug=club").await.status, 200);
    assert_eq!(learner.call(KeepSubscription::PATH, &id).await.status, 200);
    let billing: MyBillingView = json(&learner.call(MyBilling::PATH, "").await);
    assert!(!billing.subscriptions[0].cancel_at_period_end);
    assert_eq!(learner.call(KeepSubscription::PATH, &id).await.status, 409);
}

#[tokio::test]
async fn removing_a_member_ends_their_subscriptions_and_keeps_the_money_records() {
    use app::api::admin::members::RemoveMember;
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    json::<String>(&pay(&mut learner, invoice, "pay").await);

    let mut admin = person(&w.app, "alpha", "admin").await;
    let removed = admin
        .call(RemoveMember::PATH, &format!("user_id={}", w.learner))
        .await;
    assert_eq!(removed.status, 200, "{}", removed.body);
    let state = owner_text(
        &w.app,
        "SELECT state || ':' || last_reason FROM subscriptions",
    )
    .await;
    assert_eq!(state, "unsigned:member removed from the organisation");
    assert_eq!(
        owner_scalar(
            &w.app,
            "SELECT count(*) FROM invoices WHERE status = 'paid'"
        )
        .await,
        1,
        "the paid invoice is kept"
    );
    let list = admin.call(Subscribers::PATH, "state=unsigned").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("Former member"), "{}", list.body);
}

#[tokio::test]
async fn a_bought_product_opens_the_course_it_grants() {
    use app::api::billing::BuyProduct;
    let w = world().await;
    let t = tx(&w.app.state.db, "alpha").await;
    let product = plans::create_product(
        &t,
        plans::NewProduct {
            name: "Club for life",
            description: "",
            amount_minor: 19900,
            grants_course: Some(w.club),
            grants_assessments: false,
        },
    )
    .await
    .unwrap();
    t.commit().await.unwrap();

    let mut peer = person(&w.app, "alpha", "peer").await;
    assert_eq!(peer.call(Enroll::PATH, "slug=club").await.status, 403);
    let to: String = json(
        &peer
            .call(BuyProduct::PATH, &format!("product_id={product}"))
            .await,
    );
    let again: String = json(
        &peer
            .call(BuyProduct::PATH, &format!("product_id={product}"))
            .await,
    );
    assert_eq!(to, again, "an unpaid purchase is picked up again");
    let invoice: Uuid = to.rsplit_once("/pay/").unwrap().1.parse().unwrap();
    json::<String>(&pay(&mut peer, invoice, "pay").await);
    let peer_id = user_id(&w.app.state.db, "peer@example.org").await.unwrap();
    let t = tx(&w.app.state.db, "alpha").await;
    assert!(
        enrollments::find(&t, w.club, peer_id)
            .await
            .unwrap()
            .is_some(),
        "the product enrolled the buyer"
    );
    t.commit().await.unwrap();
    assert_eq!(lesson(&mut peer, w.club_lessons[0]).await.status, 200);
    let billing: MyBillingView = json(&peer.call(MyBilling::PATH, "").await);
    assert_eq!(billing.invoices[0].description, "Club for life");
    assert!(billing.subscriptions.is_empty());
    let mut outsider = person(&w.app, "beta", "outsider").await;
    let form = format!("product_id={product}");
    assert_eq!(outsider.call(BuyProduct::PATH, &form).await.status, 404);
}
