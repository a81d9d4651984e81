import { expect, test } from "@playwright/test";
import { cssVar, openHydrated, tenantUrl } from "./helpers";

test("an owner invites a person, copies the link, and the person joins at the chosen level", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const ownerContext = await browser.newContext();
  await ownerContext.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = await ownerContext.newPage();
  await openHydrated(owner, tenantUrl("path", "5q", "/signin"));
  await owner.getByLabel("Email").fill("owner@5q.example");
  await owner.getByLabel("Password").fill("atrium-demo-2026");
  await owner.getByRole("button", { name: "Sign in" }).click();
  await expect(owner.locator("[data-testid=user-menu]")).toBeVisible();

  // The account menu leads to the admin area.
  await owner.locator("[data-testid=user-menu] summary").click();
  await owner.getByRole("link", { name: "Admin" }).click();
  await expect(owner.getByRole("heading", { name: "Members" })).toBeVisible();
  await owner.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Invitations" }).click();

  const email = `invitee-${Date.now()}@example.org`;
  const form = owner.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Role").selectOption("member");
  await form.getByLabel("Member level").selectOption({ label: "Advanced" });
  await form.getByRole("button", { name: "Send invitation" }).click();

  // The link is shown once, to copy (this server sends no mail).
  const field = owner.getByLabel("Invitation link");
  await expect(field).toBeVisible();
  const link = await field.inputValue();
  expect(link).toContain("/5q/invitation?token=");
  await expect(owner.locator("[data-hydrated='true']")).toHaveCount(1);
  await owner.getByRole("button", { name: "Copy invitation link" }).click();
  await expect(owner.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(owner.getByRole("row", { name: new RegExp(email) })).toContainText("Pending");

  // The person follows it, chooses a password and arrives signed in.
  const person = await (await browser.newContext()).newPage();
  await person.goto(link);
  await expect(person.getByText(email)).toBeVisible();
  await person.getByLabel("Your name").fill("Invited Person");
  await person.getByLabel("Choose a password").fill("a long enough password");
  await person.getByRole("button", { name: "Join" }).click();
  await expect(person.locator("[data-testid=user-menu]")).toContainText("Invited Person");

  // The owner sees them as a member at the level the invitation named.
  await owner.goto(tenantUrl("path", "5q", `/admin/members?q=${encodeURIComponent(email)}`));
  const row = owner.getByRole("row", { name: new RegExp("Invited Person") });
  await expect(row).toBeVisible();
  await expect(row.getByLabel("Level of Invited Person")).toHaveValue(/.+/);
  await expect(row.getByLabel("Level of Invited Person").locator("option:checked")).toHaveText("Advanced");
});

test("an owner changes the portal colour: the live preview follows, then every visitor sees it", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  await openHydrated(page, tenantUrl("subdomain", "100-movements", "/signin"));
  await page.getByLabel("Email").fill("owner@100-movements.example");
  await page.getByLabel("Password").fill("atrium-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toBeVisible();

  await openHydrated(page, tenantUrl("subdomain", "100-movements", "/admin/branding"));
  await page.getByLabel("Primary colour").fill("#fde047");
  await expect(page.getByTestId("contrast")).toContainText("Unreadable");
  await page.getByLabel("Primary colour").fill("#7c2d12");
  await expect(page.getByTestId("contrast")).toContainText("Readable");
  await expect(page.getByTestId("branding-preview").getByText("Portal header")).toHaveCSS(
    "background-color",
    "rgb(124, 45, 18)",
  );
  await page.getByLabel("Tagline").fill("Imagine the church together");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByRole("status").first()).toContainText("Branding saved");

  const visitor = await (await browser.newContext()).newPage();
  for (const mode of ["subdomain", "path"] as const) {
    await visitor.goto(tenantUrl(mode, "100-movements"));
    expect((await cssVar(visitor, "--brand-primary")).toUpperCase()).toBe("#7C2D12");
    await expect(visitor.getByText("Imagine the church together")).toBeVisible();
  }
});

test("an admin sees the analytics charts, with their figures in words and as CSV", async ({ page }) => {
  await openHydrated(page, tenantUrl("path", "5q", "/signin"));
  await page.getByLabel("Email").fill("owner@5q.example");
  await page.getByLabel("Password").fill("atrium-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toBeVisible();
  await page.goto(tenantUrl("path", "5q", "/admin/analytics"));
  for (const id of ["weeks", "courses", "quizzes", "revenue"]) {
    const chart = page.getByTestId(`chart-${id}`);
    await expect(chart.locator("svg")).toBeVisible();
    await expect(chart.getByTestId("chart-summary")).not.toBeEmpty();
  }
  await expect(page.getByTestId("active-learners")).toContainText("Active learners, last 30 days");
  const csv = await page.request.get(tenantUrl("path", "5q", "/admin/analytics/courses.csv"));
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toMatch(/^Course,Enrolled,Completed,Completion %\r\n/);
});
