import { expect, test } from "@playwright/test";
import { collectErrors, openHydrated, tenantUrl } from "./helpers";

test("a 5Q learner subscribes, reaches the members' course, and an admin's suspension locks it with a reason", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const email = `subscriber-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  await openHydrated(page, tenantUrl("path", "5q", "/signup"));
  await page.getByLabel("Your name").fill("Casey Subscriber");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toContainText("Casey Subscriber");

  // The members' course is part of the plan: locked, and the page says how to open it.
  await openHydrated(page, tenantUrl("path", "5q", "/courses/apest-team-dynamics"));
  await expect(page.getByTestId("course-locked")).toContainText("Included in a subscription plan");
  await page.getByRole("link", { name: "See plans and pricing" }).click();

  const plan = page.locator("[data-plan='5Q Membership']");
  await expect(plan).toContainText("$29.00");
  await expect(plan).toContainText("/month");
  await plan.getByRole("button", { name: "Subscribe to 5Q Membership" }).click();

  // The simulated provider's page: pay.
  await expect(page).toHaveURL(/\/5q\/pay\//);
  await page.getByRole("button", { name: "Pay $29.00" }).click();
  await expect(page).toHaveURL(/\/5q\/account\/subscription\?payment=paid/);
  await expect(page.getByRole("status")).toContainText("Payment received");
  const mine = page.locator("[data-subscription='5Q Membership']");
  await expect(mine.locator("[data-state]")).toHaveText("Active");
  await expect(mine).toContainText("Renews on");
  await expect(page.getByRole("row", { name: /5Q Membership/ })).toContainText("Paid");

  // The course opens for the subscriber, without paying for it again.
  await openHydrated(page, tenantUrl("path", "5q", "/courses/apest-team-dynamics"));
  await page.getByRole("button", { name: "Enrol (included in your plan)" }).click();
  await expect(page).toHaveURL(/\/5q\/courses\/apest-team-dynamics\/lessons\//);
  const lessonUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // An admin suspends the subscription, with a reason.
  const admin = await (await browser.newContext()).newPage();
  await openHydrated(admin, tenantUrl("path", "5q", "/signin"));
  await admin.getByLabel("Email").fill("owner@5q.example");
  await admin.getByLabel("Password").fill("atrium-demo-2026");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(admin.locator("[data-testid=user-menu]")).toBeVisible();
  await admin.goto(tenantUrl("path", "5q", "/admin/subscribers?state=signed"));
  await expect(admin.getByTestId("mrr")).toContainText("$");
  await admin.getByRole("link", { name: "Manage the subscription of Casey Subscriber" }).click();
  const change = admin.getByRole("form", { name: "Change this subscription" });
  await change.getByLabel("Suspend").check();
  await change.getByLabel("Reason").fill("Payment disputed with the bank");
  await change.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByRole("status")).toContainText("Subscription suspended");
  await expect(admin.locator("[data-state]").first()).toHaveText("Suspended");
  await expect(admin.getByText("Payment disputed with the bank")).toBeVisible();

  // The learner finds the course locked, with the reason, and their subscription suspended.
  await page.goto(lessonUrl);
  await expect(page.getByRole("alert")).toContainText("Your subscription is suspended");
  await openHydrated(page, tenantUrl("path", "5q", "/courses/apest-team-dynamics"));
  await expect(page.getByTestId("course-locked")).toContainText("Locked: your subscription is suspended");
  await expect(page.getByTestId("course-locked")).toContainText("Your progress is kept");
  await openHydrated(page, tenantUrl("path", "5q", "/account/subscription"));
  await expect(mine.locator("[data-state]")).toHaveText("Suspended");
  // The locked lesson answered 403, which the browser logs; nothing else may go wrong.
  expect(errors.filter((e) => !e.includes("status of 403"))).toEqual([]);
});

test("a learner at Movement Leaders sees Movement Leaders' prices only", async ({ page }) => {
  await openHydrated(page, tenantUrl("subdomain", "movement-leaders", "/pricing"));
  const plan = page.locator("[data-plan='Movement Leaders Membership']");
  await expect(plan).toContainText("$49.00");
  await expect(page.locator("[data-product='Coaching Program']")).toContainText("$1,299.00");
  await expect(page.locator("[data-plan]")).toHaveCount(1);
  await expect(page.locator("body")).not.toContainText("5Q Membership");
  await expect(page.locator("body")).not.toContainText("$29.00");
  await expect(plan.getByRole("link", { name: "Sign in to subscribe" })).toBeVisible();
});
