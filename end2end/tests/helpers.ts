import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const port = Number(process.env.ATRIUM_E2E_PORT ?? 3100);

/** The two ways into a tenant this suite covers. */
export type Mode = "path" | "subdomain";

/** Absolute URL of `path` inside tenant `slug`, in the given mode. */
export function tenantUrl(mode: Mode, slug: string, path = "/"): string {
  const clean = path === "/" ? "" : path;
  return mode === "path"
    ? `http://localhost:${port}/${slug}${clean}`
    : `http://${slug}.localhost:${port}${clean || "/"}`;
}

/** Opens a page and waits until the browser has hydrated it. */
export async function openHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator("[data-hydrated='true']")).toHaveCount(1);
}

/** Collects console errors and page errors (hydration mismatches show up here). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

export async function cssVar(page: Page, name: string): Promise<string> {
  return (
    await page.evaluate(
      (n) => getComputedStyle(document.documentElement).getPropertyValue(n),
      name,
    )
  ).trim();
}

/** The demo data's shared password. */
export const DEMO_PASSWORD = "atrium-demo-2026";

/** Signs in through the portal's sign-in page (works with JavaScript on or off). */
export async function signInAs(page: Page, mode: Mode, slug: string, email: string): Promise<void> {
  await page.goto(tenantUrl(mode, slug, "/signin"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toBeVisible();
}

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation,
 * listing each rule with the elements it found, so the report says what to fix. `soft` records
 * the failure and goes on, so one run reports every page.
 */
export async function expectAccessible(page: Page, what: string, soft = false): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1, 2).join("").trim()}`)
          .join("\n"),
    );
  (soft ? expect.soft : expect)(found, `accessibility of ${what} (${page.url()})`).toEqual([]);
}

/** Answers the demo "5Q Framework check" quiz right, submits it and waits for the pass. */
export async function passTheFiveQQuiz(page: Page): Promise<void> {
  await page.getByLabel("Five").check();
  await page.getByLabel("Ask two colleagues").check();
  await page.getByLabel("Notice what gives you energy").check();
  await page.getByLabel("A recurring blind spot").check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("quiz-result")).toContainText("You passed! You scored 100%");
}
