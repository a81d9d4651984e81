import { expect, test, type Page } from "@playwright/test";
import { origin } from "../playwright.config";
import { expectAccessible, openHydrated, signInAs, tenantUrl } from "./helpers";

// axe-core on every kind of page, as each kind of person sees it: zero serious or critical
// violations. (The certificate page and a quiz result are checked on the learner's journey,
// where a certificate is earned.)

/** Opens each page in turn, waits for it to settle, and checks it. */
async function checkEach(page: Page, pages: [string, string][]) {
  for (const [what, url] of pages) {
    const response = await page.goto(url);
    expect(response?.status(), `${what} answers`).toBeLessThan(500);
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, what, true);
  }
}

test("public pages: platform home, portal home, catalog, course, sign-in, sign-up, certificate lookup", async ({ page }) => {
  test.setTimeout(60_000);
  await checkEach(page, [
    ["platform home", origin()],
    ["portal home", tenantUrl("path", "5q")],
    ["catalog", tenantUrl("path", "5q", "/courses")],
    ["course", tenantUrl("path", "5q", "/courses/the-5q-framework")],
    ["sign-in", tenantUrl("path", "5q", "/signin")],
    ["sign-up", tenantUrl("subdomain", "movement-leaders", "/signup")],
    ["certificate lookup", tenantUrl("path", "5q", "/certificates")],
    ["certificate not found", tenantUrl("path", "5q", "/certificates/0000000000000000000000000000")],
    ["page not found", tenantUrl("path", "5q", "/no-such-page")],
    ["console sign-in", `${origin()}/console/signin`],
  ]);
});

test("a learner's pages: my learning, lesson, quiz, discussions and a thread", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, "path", "movement-leaders", "sam@learner.example");
  await checkEach(page, [
    ["my learning", tenantUrl("path", "movement-leaders", "/learning")],
    ["course, enrolled", tenantUrl("path", "movement-leaders", "/courses/foundations-of-movement-leadership")],
    ["discussions", tenantUrl("path", "movement-leaders", "/courses/foundations-of-movement-leadership/discussions")],
  ]);
  await page.getByRole("link", { name: "What did you stop doing?" }).click();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page, "discussion thread");

  await page.goto(tenantUrl("path", "movement-leaders", "/courses/foundations-of-movement-leadership"));
  await page.locator("a[href*='/lessons/']").first().click();
  await expect(page.getByText(/Lesson 1 of \d+/)).toBeVisible();
  await expectAccessible(page, "lesson");

  await page.goto(tenantUrl("path", "5q", "/courses/the-5q-framework"));
  const quiz = page.getByRole("link", { name: "Take quiz" });
  if ((await quiz.count()) === 0) {
    await signInAs(page, "path", "5q", "sam@learner.example");
    await page.goto(tenantUrl("path", "5q", "/courses/the-5q-framework"));
  }
  await page.getByRole("link", { name: "Take quiz" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("5Q Framework check");
  await expectAccessible(page, "quiz");

  // The account menu opens, and is checked open too.
  await openHydrated(page, tenantUrl("path", "5q", "/learning"));
  await page.locator("[data-testid=user-menu] summary").click();
  await expectAccessible(page, "account menu, open");
});

test("an instructor's studio pages", async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, "path", "5q", "instructor@5q.example");
  await checkEach(page, [["studio", tenantUrl("path", "5q", "/studio")]]);
  await page.getByRole("link", { name: "The 5Q Framework" }).first().click();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page, "studio course editor");
  const editor = page.url();
  for (const [what, part] of [
    ["studio lesson editor", "/lessons/"],
    ["studio quiz editor", "/quizzes/"],
    ["studio learners", "/learners"],
  ]) {
    await page.goto(editor);
    const href = await page.locator(`main a[href*='${part}']`).first().getAttribute("href");
    expect(href, `the course editor links to ${what}`).toBeTruthy();
    await page.goto(new URL(href ?? "", editor).toString());
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, what, true);
  }
});

test("a tenant admin's pages", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, "path", "5q", "owner@5q.example");
  await page.goto(tenantUrl("path", "5q", "/admin"));
  const sections = await page
    .getByRole("navigation", { name: "Admin sections" })
    .locator("a")
    .evaluateAll((links) => links.map((a) => [a.textContent?.trim() ?? "", (a as HTMLAnchorElement).href]));
  expect(sections.length).toBeGreaterThan(5);
  await checkEach(page, sections.map(([name, href]) => [`admin ${name}`, href] as [string, string]));
});

test("the platform console's pages", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${origin()}/console/signin`);
  await page.getByLabel("Email").fill("admin@atrium.example");
  await page.getByLabel("Password").fill("atrium-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("console-admin")).toBeVisible();
  const sections = await page
    .getByRole("navigation", { name: "Console" })
    .locator("a")
    .evaluateAll((links) => links.map((a) => [a.textContent?.trim() ?? "", (a as HTMLAnchorElement).href]));
  await checkEach(page, [
    ...sections.map(([name, href]) => [`console ${name}`, href] as [string, string]),
    ["console tenant", `${origin()}/console/tenants/5q`],
    ["console new tenant", `${origin()}/console/tenants/new`],
  ]);
});
