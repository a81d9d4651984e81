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
