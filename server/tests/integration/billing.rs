//! Plans, checkout, entitlements and payment events, driven over HTTP as learners, admins, an
//! attacker and a payment provider would: availability by member level, a plan's course opening
//! with a signed subscription and locking while it is suspended (progress kept), signed events
//! that are verified, idempotent, ordered and per tenant, and one tenant's billing invisible to
//! another.

use crate::support::*;
use app::api::admin::subscriptions::{AdminSubscription, ChangeSubscription, Subscribers};
use app::api::billing::{
    CancelSubscription, ConfirmPayment, KeepSubscription, MyBilling, PaymentPage, Pricing,
    Subscribe,
};
use app::api::learning::{CompleteLesson, Enroll, LessonPage};
use app::data::repos::plans::{self, NewPlan};
use app::data::repos::{enrollments, levels, payments, subscriptions};
use app::model::billing::{MyBillingView, PricingView, SubscriptionRecord};
use app::model::learning::LessonView;
use app::model::subscription::{BillingInterval, SubscriptionState};
use hmac::{Hmac, KeyInit, Mac};
use server_fn::ServerFn;
use sha2::Sha256;
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

fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={timestamp},v1={hex}")
}

async fn secret(app: &TestApp, slug: &str) -> String {
    let t = tx(&app.state.db, slug).await;
    let secret = payments::webhook_secret(&t).await.unwrap();
    t.commit().await.unwrap();
    secret
}

async fn send_event(app: &TestApp, slug: &str, signature: &str, body: &str) -> Page {
    let response = app
        .request(
            reqwest::Method::POST,
            "localhost",
            &format!("/{slug}/payments/events"),
        )
        .header("content-type", "application/json")
        .header("atrium-signature", signature)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    Page {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

fn event(id: &str, kind: &str, created: i64, invoice: Uuid) -> String {
    serde_json::json!({ "id": id, "type": kind, "created": created, "invoice": invoice })
        .to_string()
}

#[tokio::test]
async fn payment_events_are_verified_idempotent_ordered_and_per_tenant() {
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    let alpha = secret(&w.app, "alpha").await;
    let mut admin = person(&w.app, "alpha", "admin").await;
    let offers: app::model::billing::OffersView = json(
        &admin
            .call(app::api::admin::offers::AdminOffers::PATH, "")
            .await,
    );
    assert_eq!(
        offers.events_secret, alpha,
        "the admin sees the secret to give the provider"
    );
    assert_eq!(offers.events_path, "/alpha/payments/events");
    let now = chrono::Utc::now().timestamp();
    let state = || async { only_subscription(&w.app, w.learner).await };

    let paid = event("evt_paid", "invoice.paid", now, invoice);
    let forged = send_event(&w.app, "alpha", &sign("guessed", now, &paid), &paid).await;
    assert_eq!(forged.status, 400, "{}", forged.body);
    let unsigned = send_event(&w.app, "alpha", "", &paid).await;
    assert_eq!(unsigned.status, 400);
    let elsewhere = send_event(&w.app, "beta", &sign(&alpha, now, &paid), &paid).await;
    assert_eq!(
        elsewhere.status, 400,
        "alpha's event is refused at beta's endpoint"
    );
    let stale_signature = sign(&alpha, now - 3600, &paid);
    assert_eq!(
        send_event(&w.app, "alpha", &stale_signature, &paid)
            .await
            .status,
        400
    );
    assert_eq!(
        state().await.state,
        "signing",
        "refused events change nothing"
    );
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM payment_events").await,
        0,
        "refused events are not even recorded"
    );

    let applied = send_event(&w.app, "alpha", &sign(&alpha, now, &paid), &paid).await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert!(
        applied.body.contains(r#""applied":true"#),
        "{}",
        applied.body
    );
    let signed = state().await;
    assert_eq!(signed.state, "signed");

    let replay = send_event(&w.app, "alpha", &sign(&alpha, now, &paid), &paid).await;
    assert_eq!(replay.status, 200);
    assert!(replay.body.contains(r#""replay":true"#), "{}", replay.body);

    // A failure the provider saw a minute before the payment arrives late: kept, not applied.
    let late = event("evt_late", "invoice.payment_failed", now - 60, invoice);
    let kept = send_event(&w.app, "alpha", &sign(&alpha, now, &late), &late).await;
    assert_eq!(kept.status, 200);
    assert!(kept.body.contains(r#""applied":false"#), "{}", kept.body);
    let after = state().await;
    assert_eq!(after.state, "signed");
    assert_eq!(after.current_period_end, signed.current_period_end);
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM payment_events WHERE applied").await,
        1
    );
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM subscription_history").await,
        2,
        "signing, then signed once"
    );

    let junk = "not json";
    assert_eq!(
        send_event(&w.app, "alpha", &sign(&alpha, now, junk), junk)
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn one_tenant_s_billing_is_invisible_to_another() {
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    json::<String>(&pay(&mut learner, invoice, "pay").await);
    let sub = only_subscription(&w.app, w.learner).await.id;

    let mut outsider = person(&w.app, "beta", "outsider").await;
    let mut beta_admin = person(&w.app, "beta", "beta-admin").await;
    let mut peer = person(&w.app, "alpha", "peer").await;
    for (who, b) in [("outsider", &mut outsider), ("peer", &mut peer)] {
        let form = format!("invoice_id={invoice}");
        assert_eq!(b.call(PaymentPage::PATH, &form).await.status, 404, "{who}");
        assert_eq!(pay(b, invoice, "pay").await.status, 404, "{who}");
        let form = format!("subscription_id={sub}");
        assert_eq!(
            b.call(CancelSubscription::PATH, &form).await.status,
            404,
            "{who}"
        );
        let form = format!("plan_id={}", w.club_plan);
        if who == "outsider" {
            assert_eq!(b.call(Subscribe::PATH, &form).await.status, 404, "{who}");
        }
    }
    let form = format!("subscription_id={sub}");
    assert_eq!(
        beta_admin.call(AdminSubscription::PATH, &form).await.status,
        404
    );
    let form = format!("subscription_id={sub}&action=suspend&reason=x");
    assert_eq!(
        beta_admin
            .call(ChangeSubscription::PATH, &form)
            .await
            .status,
        404
    );
    let list = beta_admin.call(Subscribers::PATH, "state=").await;
    assert_eq!(list.status, 200);
    assert!(!list.body.contains("learner@example.org"), "{}", list.body);
    let pricing = outsider.call(Pricing::PATH, "").await;
    assert!(pricing.body.contains("Beta Plan") && !pricing.body.contains("Club"));

    let mut admin = person(&w.app, "alpha", "admin").await;
    let list = admin.call(Subscribers::PATH, "state=signed").await;
    assert!(list.body.contains("learner@example.org"), "{}", list.body);
    assert_eq!(peer.call(Subscribers::PATH, "state=").await.status, 403);
    assert_eq!(
        admin.call(Subscribers::PATH, "state=bogus").await.status,
        400
    );
}

#[tokio::test]
async fn the_simulated_provider_charges_once_per_key() {
    use app::billing::{Outcome, Payment};
    let w = world().await;
    let alpha = resolve(&w.app.state.db, "alpha").await.id();
    let payment = Payment {
        tenant_id: alpha,
        invoice: Uuid::new_v4(),
        user: w.learner,
        amount_minor: 2900,
        currency: "USD",
        idempotency_key: "renewal:test:1",
    };
    let provider = &w.app.state.payments;
    assert_eq!(provider.charge(&payment).await.unwrap(), Outcome::Paid);
    assert_eq!(provider.charge(&payment).await.unwrap(), Outcome::Paid);
    assert_eq!(
        owner_scalar(&w.app, "SELECT count(*) FROM simulated_charges").await,
        1,
        "asking twice with one key charges once"
    );
    let t = tx(&w.app.state.db, "alpha").await;
    app::data::repos::simulated_payments::set_card(&t, w.learner, true)
        .await
        .unwrap();
    t.commit().await.unwrap();
    let second = Payment {
        idempotency_key: "renewal:test:2",
        ..payment.clone()
    };
    assert!(matches!(
        provider.charge(&second).await.unwrap(),
        Outcome::Declined { .. }
    ));
    assert_eq!(
        provider.charge(&payment).await.unwrap(),
        Outcome::Paid,
        "a key already charged answers as it did"
    );
    assert!(provider.refund(alpha, "renewal:test:1").await.unwrap());
    assert!(!provider.refund(alpha, "renewal:test:1").await.unwrap());
}

#[tokio::test]
async fn the_console_lists_each_tenant_s_revenue_and_active_subscriptions() {
    use app::api::console::ConsoleTenants;
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    json::<String>(&pay(&mut learner, invoice, "pay").await);
    let mut goldie = person(&w.app, "alpha", "goldie").await;
    checkout(&mut goldie, w.gold_plan).await;

    make_super_admin(&w.app, "beta-admin@example.org").await;
    let mut console = console_browser(&w.app, "localhost", "beta-admin@example.org").await;
    let list = console.call(ConsoleTenants::PATH, "search=alpha").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(
        list.body
            .contains(r#""revenue_cents":2900,"active_subscriptions":1"#),
        "one paid subscription; the unpaid checkout counts for neither: {}",
        list.body
    );
    let page = console.get("/console").await;
    let alpha_row = page
        .body
        .split(r#"data-slug="alpha""#)
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("alpha's row");
    assert!(
        alpha_row
            .contains(r#"data-col="subscriptions" class="px-3 py-2 text-right tabular-nums">1<"#),
        "{alpha_row}"
    );
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
