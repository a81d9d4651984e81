use super::layout::{AdminLayout, ui};
use crate::api::admin::assessments_sale::SellAssessments;
use crate::api::admin::offers::{
    CreatePlan, CreateProduct, RepricePlan, SetPlanActive, SetProductActive, admin_offers,
};
use crate::components::{ErrorNotice, href, query_param};
use crate::model::billing::{AdminPlan, AdminProduct, OffersView};
use crate::model::subscription::BillingInterval;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

fn done(code: &str) -> Option<&'static str> {
    match code {
        "plan" => Some("Plan added. It is on the pricing page now."),
        "product" => Some("Product added. It is on the pricing page now."),
        "price" => {
            Some("New price saved. New subscribers pay it; current subscribers keep theirs.")
        }
        "archived" => Some("Archived: no longer on sale. Current subscribers keep their plan."),
        "restored" => Some("Back on sale."),
        "assessments_sold" => Some(
            "Assessments are now sold: quizzes are for members whose plan or purchase includes them.",
        ),
        "assessments_open" => Some("Assessments are open to every enrolled member again."),
        _ => None,
    }
}

/// The storefront's plans and products: add, reprice, archive and restore.
#[component]
pub fn AdminOffersPage() -> impl IntoView {
    let offers = Resource::new(|| (), |_| admin_offers());
    view! {
        <Title text="Plans and products"/>
        <AdminLayout current="/admin/offers" title="Plans and products" done=done>
            <Suspense fallback=|| view! { <p class="text-slate-600">"Loading offers…"</p> }>
                {move || Suspend::new(async move {
                    match offers.await {
                        Ok(v) => view! { <Offers v/> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
    .into_any()
}

#[component]
fn Offers(v: OffersView) -> impl IntoView {
    let OffersView {
        currency,
        events_path,
        events_secret,
        assessments_sold,
        plans,
        products,
        levels,
        courses,
    } = v;
    let name = query_param("name").unwrap_or_default();
    let course_options = courses.clone();
    view! {
        <div class="grid gap-8 lg:grid-cols-[1fr_24rem]">
            <div>
                <h2 class="text-xl font-semibold text-slate-900">"Subscription plans"</h2>
                {if plans.is_empty() {
                    view! { <p class="mt-3 text-slate-600">"No plans yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mt-3 space-y-3">
                            {plans.into_iter().map(|plan| view! { <PlanLine plan currency=currency.clone()/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h2 class="mt-10 text-xl font-semibold text-slate-900">"Products"</h2>
                {if products.is_empty() {
                    view! { <p class="mt-3 text-slate-600">"No products yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mt-3 space-y-3">
                            {products.into_iter().map(|product| view! { <ProductLine product/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
            <div class="space-y-6">
                <form method="post" action=href(CreatePlan::url()) class=format!("{} space-y-4", ui::CARD) aria-label="Add a plan">
                    <h2 class="text-lg font-semibold text-slate-900">"Add a plan"</h2>
                    <div>
                        <label for="plan-name" class=ui::LABEL>"Name"</label>
                        <input id="plan-name" name="name" required maxlength="80" value=name.clone() class=ui::INPUT/>
                    </div>
                    <div>
                        <label for="plan-description" class=ui::LABEL>"Description"</label>
                        <textarea id="plan-description" name="description" maxlength="500" rows="2" class=ui::INPUT></textarea>
                    </div>
                    <div class="grid grid-cols-2 gap-3">
                        <div>
                            <label for="plan-price" class=ui::LABEL>{format!("Price ({currency})")}</label>
                            <input id="plan-price" name="price" required inputmode="decimal" placeholder="29.00" class=ui::INPUT/>
                        </div>
                        <div>
                            <label for="plan-interval" class=ui::LABEL>"Billed"</label>
                            <select id="plan-interval" name="interval" class=ui::INPUT>
                                <option value="month">"Monthly"</option>
                                <option value="year">"Yearly"</option>
                            </select>
                        </div>
                    </div>
                    <div>
                        <label for="plan-level" class=ui::LABEL>"Gives the member level"</label>
                        <select id="plan-level" name="grants_level" class=ui::INPUT>
                            <option value="">"No level"</option>
                            {levels.iter().map(|l| view! { <option value=l.id.clone()>{l.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <label class="flex items-center gap-2 text-sm text-slate-800">
                        <input type="checkbox" name="grants_assessments" value="on"/>
                        "Includes the assessments area"
                    </label>
                    <fieldset>
                        <legend class=ui::LABEL>"Courses only its subscribers reach"</legend>
                        {courses.iter().enumerate().map(|(i, c)| view! {
                            <label class="mt-1 flex items-center gap-2 text-sm text-slate-800">
                                <input type="checkbox" name=format!("courses[{i}]") value=c.id.to_string()/>
                                {c.title.clone()}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    {(!levels.is_empty()).then(|| view! {
                        <fieldset>
                            <legend class=ui::LABEL>"Who may buy it"</legend>
                            <p class="text-xs text-slate-600">"Leave all unticked to offer it to every member."</p>
                            {levels.iter().enumerate().map(|(i, l)| view! {
                                <label class="mt-1 flex items-center gap-2 text-sm text-slate-800">
                                    <input type="checkbox" name=format!("levels[{i}]") value=l.id.clone()/>
                                    {format!("{} members", l.name)}
                                </label>
                            }).collect_view()}
                        </fieldset>
                    })}
                    <button type="submit" class=ui::PRIMARY>"Add plan"</button>
                </form>
                <form method="post" action=href(CreateProduct::url()) class=format!("{} space-y-4", ui::CARD) aria-label="Add a product">
                    <h2 class="text-lg font-semibold text-slate-900">"Add a product"</h2>
                    <div>
                        <label for="product-name" class=ui::LABEL>"Name"</label>
                        <input id="product-name" name="name" required maxlength="80" class=ui::INPUT/>
                    </div>
                    <div>
                        <label for="product-description" class=ui::LABEL>"Description"</label>
                        <textarea id="product-description" name="description" maxlength="500" rows="2" class=ui::INPUT></textarea>
                    </div>
                    <div>
                        <label for="product-price" class=ui::LABEL>{format!("Price ({currency})")}</label>
                        <input id="product-price" name="price" required inputmode="decimal" placeholder="199.00" class=ui::INPUT/>
                    </div>
                    <div>
                        <label for="product-course" class=ui::LABEL>"Gives the course"</label>
                        <select id="product-course" name="grants_course" class=ui::INPUT>
                            <option value="">"No course"</option>
                            {course_options.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.title}</option> }).collect_view()}
                        </select>
                    </div>
                    <label class="flex items-center gap-2 text-sm text-slate-800">
                        <input type="checkbox" name="grants_assessments" value="on"/>
                        "Includes the assessments area"
                    </label>
                    <button type="submit" class=ui::PRIMARY>"Add product"</button>
                </form>
                <form method="post" action=href(SellAssessments::url()) class=format!("{} space-y-3", ui::CARD) aria-label="Assessments">
                    <h2 class="text-lg font-semibold text-slate-900">"Assessments"</h2>
                    <fieldset>
                        <legend class="sr-only">"Who may take quizzes"</legend>
                        <label class="flex items-start gap-2 text-sm text-slate-800">
                            <input type="radio" name="sold" value="false" checked=!assessments_sold class="mt-1"/>
                            "Open: every enrolled member takes the quizzes"
                        </label>
                        <label class="mt-2 flex items-start gap-2 text-sm text-slate-800">
                            <input type="radio" name="sold" value="true" checked=assessments_sold class="mt-1"/>
                            "Sold: quizzes are for members whose plan or product includes the assessments area"
                        </label>
                    </fieldset>
                    <p class="text-xs text-slate-600">"Course progress is never lost; staff always have access."</p>
                    <button type="submit" class=ui::PRIMARY>"Save"</button>
                </form>
                <details class=ui::CARD>
                    <summary class="cursor-pointer font-semibold text-slate-900">"Payment provider events"</summary>
                    <p class="mt-2 text-sm text-slate-700">
                        "Your payment provider sends payment results to this portal's "
                        <code class="break-all">{events_path}</code>
                        ", signed with this secret (HMAC-SHA256, header Atrium-Signature). Keep it private."
                    </p>
                    <label for="events-secret" class="mt-2 block text-xs font-medium text-slate-700">"Signing secret"</label>
                    <input id="events-secret" readonly value=events_secret class="mt-1 w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs"/>
                </details>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn PlanLine(plan: AdminPlan, currency: String) -> impl IntoView {
    let per = match plan.interval {
        BillingInterval::Month => "month",
        BillingInterval::Year => "year",
    };
    let field = format!("price-{}", plan.id);
    let who = if plan.for_levels.is_empty() {
        "Every member may buy it".to_owned()
    } else {
        format!("For {} members", plan.for_levels.join(", "))
    };
    view! {
        <li class=ui::CARD data-offer=plan.name.clone()>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="font-semibold text-slate-900">
                    {plan.name.clone()}
                    {plan.archived.then(|| view! { <span class="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">"Archived"</span> })}
                </h3>
                <p class="text-slate-900">{format!("{} per {per}", plan.price.display())}</p>
            </div>
            <p class="text-sm text-slate-600">{format!("{who} · {} active subscriber(s)", plan.subscribers)}</p>
            {(!plan.grants.is_empty()).then(|| view! { <p class="mt-1 text-sm text-slate-700">{plan.grants.join(" · ")}</p> })}
            <div class="mt-3 flex flex-wrap items-end gap-3">
                <form method="post" action=href(RepricePlan::url()) class="flex items-end gap-2">
                    <input type="hidden" name="plan_id" value=plan.id.to_string()/>
                    <div>
                        <label for=field.clone() class="block text-xs font-medium text-slate-700">{format!("New price ({currency})")}</label>
                        <input id=field name="price" required inputmode="decimal" class="mt-1 w-28 rounded-md border border-slate-300 px-2 py-1 text-sm"/>
                    </div>
                    <button type="submit" class=ui::SMALL>"Change price"</button>
                </form>
                <form method="post" action=href(SetPlanActive::url())>
                    <input type="hidden" name="plan_id" value=plan.id.to_string()/>
                    <input type="hidden" name="active" value=plan.archived.to_string()/>
                    <button type="submit" class=if plan.archived { ui::SMALL } else { ui::DANGER }
                        aria-label=format!("{} {}", if plan.archived { "Restore" } else { "Archive" }, plan.name)>
                        {if plan.archived { "Restore" } else { "Archive" }}
                    </button>
                </form>
            </div>
        </li>
    }
    .into_any()
}

#[component]
fn ProductLine(product: AdminProduct) -> impl IntoView {
    view! {
        <li class=ui::CARD data-offer=product.name.clone()>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="font-semibold text-slate-900">
                    {product.name.clone()}
                    {product.archived.then(|| view! { <span class="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">"Archived"</span> })}
                </h3>
                <p class="text-slate-900">{product.price.display()}</p>
            </div>
            {(!product.grants.is_empty()).then(|| view! { <p class="mt-1 text-sm text-slate-700">{product.grants.join(" · ")}</p> })}
            <form method="post" action=href(SetProductActive::url()) class="mt-3">
                <input type="hidden" name="product_id" value=product.id.to_string()/>
                <input type="hidden" name="active" value=product.archived.to_string()/>
                <button type="submit" class=if product.archived { ui::SMALL } else { ui::DANGER }
                    aria-label=format!("{} {}", if product.archived { "Restore" } else { "Archive" }, product.name)>
                    {if product.archived { "Restore" } else { "Archive" }}
                </button>
            </form>
        </li>
    }
    .into_any()
}
