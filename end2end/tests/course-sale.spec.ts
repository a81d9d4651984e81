import { expect, test } from "@playwright/test";
import { collectErrors, openHydrated, tenantUrl } from "./helpers";

test("a learner buys a course through the payment page, and the owner refunds it under Payments", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const email = `buyer-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const name = `Robin Buyer ${Math.floor(Math.random() * 1e6)}`;
  await openHydrated(page, tenantUrl("path", "movement-leaders", "/signup"));
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toContainText(name);

  const course = tenantUrl("path", "movement-leaders", "/courses/multiplying-disciples");
  await openHydrated(page, course);
  await page.getByRole("button", { name: "Buy for $29.00" }).click();

  // The simulated provider's page, then straight into the course.
  await expect(page).toHaveURL(/\/movement-leaders\/pay\//);
  await expect(page.getByText("Multiplying Disciples")).toBeVisible();
  await page.getByRole("button", { name: "Pay $29.00" }).click();
  await expect(page).toHaveURL(/\/movement-leaders\/courses\/multiplying-disciples$/);
  await expect(page.getByRole("progressbar")).toBeVisible();
  await openHydrated(page, tenantUrl("path", "movement-leaders", "/account/subscription"));
  await expect(page.getByRole("row", { name: /Multiplying Disciples/ })).toContainText("Paid");

  // The owner finds the sale under Payments and refunds it.
  const owner = await (await browser.newContext()).newPage();
  await openHydrated(owner, tenantUrl("path", "movement-leaders", "/signin"));
  await owner.getByLabel("Email").fill("owner@movement-leaders.example");
  await owner.getByLabel("Password").fill("atrium-demo-2026");
  await owner.getByRole("button", { name: "Sign in" }).click();
  await expect(owner.locator("[data-testid=user-menu]")).toBeVisible();
  await owner.goto(tenantUrl("path", "movement-leaders", "/admin/payments?status=paid"));
  const row = owner.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Multiplying Disciples");
  await expect(row).toContainText("$29.00");
  await row.getByText("Refund…").click();
  await row.getByRole("button", { name: `Refund $29.00 to ${name}` }).click();
  await expect(owner.getByRole("status")).toContainText("Refunded");
  await owner.goto(tenantUrl("path", "movement-leaders", "/admin/payments?status=refunded"));
  await expect(owner.getByRole("row", { name: new RegExp(name) })).toContainText("Refunded");

  // The course is for sale to the learner again; their progress would be kept.
  await openHydrated(page, course);
  await expect(page.getByRole("button", { name: "Buy for $29.00" })).toBeVisible();
  expect(errors).toEqual([]);
});
