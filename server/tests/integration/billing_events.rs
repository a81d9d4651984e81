//! Payment provider events, the simulated provider's books, and one tenant's billing seen from
//! another tenant and from the console: signatures verified per tenant, replays and late events
//! changing nothing, ids of another tenant's invoices and subscriptions answering 404.

use crate::billing::{checkout, json, only_subscription, pay, person, world};
use crate::support::*;
use app::api::admin::subscriptions::{AdminSubscription, ChangeSubscription, Subscribers};
use app::api::billing::{CancelSubscription, PaymentPage, Pricing, Subscribe};
use app::data::repos::payments;
use hmac::{Hmac, KeyInit, Mac};
use server_fn::ServerFn;
use sha2::Sha256;
use uuid::Uuid;

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
    let path = format!("/{slug}/payments/events");
    deliver(
        app.request(reqwest::Method::POST, "localhost", &path),
        signature,
        body,
    )
    .await
}

/// `send_event` from another loopback address.
async fn send_event_from(
    app: &TestApp,
    from: std::net::IpAddr,
    slug: &str,
    signature: &str,
    body: &str,
) -> Page {
    let client = reqwest::Client::builder()
        .local_address(from)
        .build()
        .unwrap();
    let url = app.url(&format!("/{slug}/payments/events"));
    deliver(client.post(url), signature, body).await
}

async fn deliver(request: reqwest::RequestBuilder, signature: &str, body: &str) -> Page {
    let response = request
        .header("content-type", "application/json")
        .header("atrium-signature", signature)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    Page::from(response).await
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
async fn a_client_sending_bad_signatures_is_throttled_and_the_provider_is_not() {
    let w = world().await;
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    let alpha = secret(&w.app, "alpha").await;
    let now = chrono::Utc::now().timestamp();
    let attacker: std::net::IpAddr = "127.0.0.7".parse().unwrap();
    let provider: std::net::IpAddr = "127.0.0.8".parse().unwrap();

    let paid = event("evt_paid", "invoice.paid", now, invoice);
    let forged = sign("guessed", now, &paid);
    let mut statuses = Vec::new();
    for _ in 0..30 {
        statuses.push(
            send_event_from(&w.app, attacker, "alpha", &forged, &paid)
                .await
                .status,
        );
    }
    let first_throttled = statuses.iter().position(|s| *s == 429);
    // Twenty refusals (and the one that goes over) are answered, then the address waits; one
    // more may slip through for each 3 s the loop takes on a slow machine.
    assert!(matches!(first_throttled, Some(21..=23)), "{statuses:?}");
    assert!(statuses.iter().skip(24).all(|s| *s == 429), "{statuses:?}");
    let throttled =
        send_event_from(&w.app, attacker, "alpha", &sign(&alpha, now, &paid), &paid).await;
    assert_eq!(throttled.status, 429, "even a good signature waits");
    let retry: u64 = throttled.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3).contains(&retry), "{retry}");

    // The provider, elsewhere, is not held up.
    let applied =
        send_event_from(&w.app, provider, "alpha", &sign(&alpha, now, &paid), &paid).await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert_eq!(only_subscription(&w.app, w.learner).await.state, "signed");
}
