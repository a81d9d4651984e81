//! The admin's storefront editor over HTTP: plans with a price typed as people type it, what
//! they grant and who may buy them; a new price for new subscribers only; archiving takes an
//! offer off sale without touching its subscribers; every change is the tenant admin's alone.

use crate::billing::{checkout, json, lesson, only_subscription, pay, person, world};
use app::api::admin::offers::{AdminOffers, CreatePlan, CreateProduct, RepricePlan, SetPlanActive};
use app::api::billing::{MyBilling, Pricing, Subscribe};
use app::model::billing::{MyBillingView, OffersView, PricingView};
use server_fn::ServerFn;

#[tokio::test]
async fn admins_add_reprice_and_archive_offers_and_subscribers_keep_theirs() {
    let w = world().await;
    let mut admin = person(&w.app, "alpha", "admin").await;
    let offers: OffersView = json(&admin.call(AdminOffers::PATH, "").await);
    assert_eq!(offers.currency, "USD");
    let gold = offers
        .levels
        .iter()
        .find(|l| l.name == "Gold")
        .unwrap()
        .id
        .clone();

    // A yearly plan for Gold members with the club course; a gap in the ticked boxes is fine.
    let form = format!(
        "name=Patron&description=All+of+it&price=%241%2C250.50&interval=year&grants_level=\
         &grants_assessments=on&courses[3]={}&levels[0]={gold}",
        w.club
    );
    let added = admin.call(CreatePlan::PATH, &form).await;
    assert_eq!(added.status, 200, "{}", added.body);
    let offers: OffersView = json(&admin.call(AdminOffers::PATH, "").await);
    let patron = offers.plans.iter().find(|p| p.name == "Patron").unwrap();
    assert_eq!(patron.price.minor, 125_050);
    assert_eq!(patron.for_levels, ["Gold"]);
    assert!(patron.grants.contains(&"Course: Club Course".to_owned()));
    assert!(patron.grants.contains(&"The assessments area".to_owned()));

    for (form, status, code) in [
        (
            "name=Bad&description=&price=abc&interval=month&grants_level=",
            400,
            "price_invalid",
        ),
        (
            "name=Bad&description=&price=0&interval=month&grants_level=",
            400,
            "price_invalid",
        ),
        (
            "name=club&description=&price=10&interval=month&grants_level=",
            409,
            "offer_name_taken",
        ),
        (
            "name=+&description=&price=10&interval=month&grants_level=",
            400,
            "title_required",
        ),
    ] {
        let page = admin.call(CreatePlan::PATH, form).await;
        assert_eq!(page.status, status, "{form}: {}", page.body);
        assert!(page.body.contains(code), "{form}: {}", page.body);
    }

    // The learner subscribes at $29; the price then changes to $35 for new subscribers only.
    let mut learner = person(&w.app, "alpha", "learner").await;
    let invoice = checkout(&mut learner, w.club_plan).await;
    json::<String>(&pay(&mut learner, invoice, "pay").await);
    let reprice = format!("plan_id={}&price=35", w.club_plan);
    assert_eq!(admin.call(RepricePlan::PATH, &reprice).await.status, 200);
    let mut peer = person(&w.app, "alpha", "peer").await;
    let pricing: PricingView = json(&peer.call(Pricing::PATH, "").await);
    let club = pricing.plans.iter().find(|p| p.name == "Club").unwrap();
    assert_eq!(club.price.display(), "$35.00");
    let mine: MyBillingView = json(&learner.call(MyBilling::PATH, "").await);
    assert_eq!(
        mine.subscriptions[0].price.display(),
        "$29.00",
        "they keep their price"
    );

    // Archived: off the pricing page and closed to new checkouts; the subscriber keeps access.
    let archive = format!("plan_id={}&active=false", w.club_plan);
    assert_eq!(admin.call(SetPlanActive::PATH, &archive).await.status, 200);
    let pricing: PricingView = json(&peer.call(Pricing::PATH, "").await);
    assert!(pricing.plans.iter().all(|p| p.name != "Club"));
    let form = format!("plan_id={}", w.club_plan);
    assert_eq!(peer.call(Subscribe::PATH, &form).await.status, 404);
    assert_eq!(only_subscription(&w.app, w.learner).await.state, "signed");
    assert_eq!(
        learner
            .call(app::api::learning::Enroll::PATH, "slug=club")
            .await
            .status,
        200
    );
    assert_eq!(lesson(&mut learner, w.club_lessons[0]).await.status, 200);
    let restore = format!("plan_id={}&active=true", w.club_plan);
    assert_eq!(admin.call(SetPlanActive::PATH, &restore).await.status, 200);
    assert_eq!(peer.call(Subscribe::PATH, &form).await.status, 200);

    let product = format!(
        "name=Coaching&description=&price=199&grants_course={}",
        w.club
    );
    assert_eq!(admin.call(CreateProduct::PATH, &product).await.status, 200);
    let pricing: PricingView = json(&peer.call(Pricing::PATH, "").await);
    let coaching = pricing
        .products
        .iter()
        .find(|p| p.name == "Coaching")
        .unwrap();
    assert_eq!(coaching.price.display(), "$199.00");
    assert_eq!(coaching.grants, ["Course: Club Course"]);
    let page = admin.get("/admin/offers").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Patron") && page.body.contains("Add a plan"));
}

#[tokio::test]
async fn only_this_tenant_s_admins_change_its_offers() {
    let w = world().await;
    let mut peer = person(&w.app, "alpha", "peer").await;
    let form = "name=Mine&description=&price=10&interval=month&grants_level=";
    assert_eq!(peer.call(CreatePlan::PATH, form).await.status, 403);
    assert_eq!(peer.call(AdminOffers::PATH, "").await.status, 403);
    let mut visitor = person(&w.app, "alpha", "anonymous").await;
    assert_eq!(visitor.call(CreatePlan::PATH, form).await.status, 401);

    let mut beta_admin = person(&w.app, "beta", "beta-admin").await;
    let reprice = format!("plan_id={}&price=1", w.club_plan);
    assert_eq!(
        beta_admin.call(RepricePlan::PATH, &reprice).await.status,
        404
    );
    let archive = format!("plan_id={}&active=false", w.club_plan);
    assert_eq!(
        beta_admin.call(SetPlanActive::PATH, &archive).await.status,
        404
    );
    let foreign_course = format!(
        "name=Steal&description=&price=10&interval=month&grants_level=&courses[0]={}",
        w.club
    );
    assert_eq!(
        beta_admin
            .call(CreatePlan::PATH, &foreign_course)
            .await
            .status,
        404
    );
    let offers: OffersView = json(&beta_admin.call(AdminOffers::PATH, "").await);
    assert!(offers.plans.iter().all(|p| p.name == "Beta Plan"));
    assert!(
        offers.courses.is_empty(),
        "alpha's courses are not offered to beta"
    );
    let mut peer = person(&w.app, "alpha", "peer").await;
    let pricing: PricingView = json(&peer.call(Pricing::PATH, "").await);
    assert!(
        pricing
            .plans
            .iter()
            .any(|p| p.name == "Club" && p.price.minor == 2900)
    );
}
