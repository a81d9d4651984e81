import { expect, test } from "@playwright/test";

const port = Number(process.env.ATRIUM_E2E_PORT ?? 3100);
const platform = `http://localhost:${port}`;

test("the console is a 404 to visitors and a tenant list to the super admin", async ({ page }) => {
  const hidden = await page.goto(`${platform}/console`);
  expect(hidden?.status()).toBe(404);

  await page.goto(`${platform}/console/signin`);
  await page.getByLabel("Email").fill("owner@5q.example");
  await page.getByLabel("Password").fill("atrium-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/console/signin");

  await page.getByLabel("Email").fill("admin@atrium.example");
  await page.getByLabel("Password").fill("atrium-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Tenants" })).toBeVisible();
  const list = page.getByTestId("tenant-list");
  await expect(list.locator('tr[data-slug="5q"]')).toBeVisible();
  await expect(list.locator('tr[data-slug="harbor-guild"] td').nth(1)).toHaveText("suspended");

  // Filters are a plain GET form: the address says what the list shows.
  await page.getByLabel("Status").selectOption("suspended");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/status=suspended/);
  await expect(list.locator("tbody tr")).toHaveCount(1);

  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Sort by").selectOption("enrolments");
  await page.getByRole("button", { name: "Show" }).click();
  const counts = await list.locator('td[data-col="enrolments"]').allInnerTexts();
  const numbers = counts.map(Number);
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const after = await page.goto(`${platform}/console`);
  expect(after?.status()).toBe(404);
});

test("a super admin provisions a tenant whose new owner gets in by invitation", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(`${platform}/console/signin`);
  await admin.getByLabel("Email").fill("admin@atrium.example");
  await admin.getByLabel("Password").fill("atrium-demo-2026");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.getByRole("link", { name: "New tenant" }).click();
  await expect(admin.locator("[data-hydrated='true']")).toHaveCount(1);

  // The slug is checked as it is typed; the preview follows the colours.
  const slug = `e2e-${Date.now()}`;
  await admin.getByLabel("Web name (slug)").fill("5q");
  await expect(admin.getByTestId("slug-check")).toHaveText("Another organisation already has that web name.");
  await admin.getByLabel("Web name (slug)").fill(slug);
  await expect(admin.getByTestId("slug-check")).toHaveText("Available.");
  await admin.getByLabel("Primary colour").fill("#fde047");
  await expect(admin.getByTestId("contrast")).toContainText("Unreadable");
  await admin.getByLabel("Primary colour").fill("#7c2d12");
  await expect(admin.getByTestId("contrast")).toContainText("Readable");
  await expect(admin.getByTestId("branding-preview").getByText("Portal header")).toHaveCSS(
    "background-color",
    "rgb(124, 45, 18)",
  );

  await admin.getByLabel("Organisation name").fill("E2E Academy");
  await admin.getByLabel("First owner's email").fill(`owner@${slug}.example`);
  await admin.getByLabel("Reason").fill("End-to-end test");
  await admin.getByRole("button", { name: "Create tenant" }).click();
  await expect(admin.getByTestId("provisioned")).toBeVisible();
  const link = (await admin.getByTestId("invitation-link").innerText()).trim();

  // The portal answers at once, in its colours, by path and by subdomain.
  const visitor = await (await browser.newContext()).newPage();
  for (const url of [`${platform}/${slug}/courses`, `http://${slug}.localhost:${port}/courses`]) {
    await visitor.goto(url);
    const primary = await visitor.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue("--brand-primary").trim(),
    );
    expect(primary.toUpperCase()).toBe("#7C2D12");
  }

  // The owner follows the link, chooses a password and arrives signed in.
  const owner = await (await browser.newContext()).newPage();
  await owner.goto(`${platform}${link}`);
  await owner.getByLabel("Your name").fill("E2E Owner");
  await owner.getByLabel("Choose a password").fill("a long enough password");
  await owner.getByRole("button", { name: "Join" }).click();
  await expect(owner.locator("[data-testid=user-menu]")).toBeVisible();
  await expect(owner.locator("[data-testid=user-menu]")).toContainText("E2E Owner");

  // The super admin switches in: every page shows who is there and until when, and "Leave"
  // ends it and returns to the console.
  const support = admin.getByRole("form", { name: "Start support session" });
  await support.getByLabel("Reason").fill("Checking the new portal");
  await support.getByRole("button", { name: "Switch into portal" }).click();
  await admin.getByRole("button", { name: "Enter support session" }).click();
  await expect(admin.getByTestId("support-banner")).toContainText("Support session by");
  await expect(admin.getByTestId("support-banner")).toContainText("read-only");
  await admin.goto(`${platform}/${slug}/courses`);
  await expect(admin.getByTestId("support-banner")).toContainText("ends at");
  await admin.getByTestId("support-banner").getByRole("button", { name: "Leave" }).click();
  await expect(admin).toHaveURL(new RegExp(`/console/tenants/${slug}$`));
  await admin.goto(`${platform}/${slug}/courses`);
  await expect(admin.getByTestId("support-banner")).toHaveCount(0);
  await admin.goto(`${platform}/console/tenants/${slug}`);

  // Suspended, the portal answers "unavailable" at once.
  await admin
    .getByRole("form", { name: "Suspend tenant" })
    .getByLabel("Reason")
    .fill("End of the end-to-end test");
  await admin.getByRole("button", { name: "Suspend tenant" }).click();
  await expect(admin.getByRole("button", { name: "Reactivate tenant" })).toBeVisible();
  const gone = await visitor.goto(`${platform}/${slug}/courses`);
  expect(gone?.status()).toBe(503);
  await expect(visitor.getByText("unavailable", { exact: false }).first()).toBeVisible();
});
