import { expect, test } from "@playwright/test";
import { collectErrors, openHydrated, tenantUrl } from "./helpers";

test("the catalog search filters courses after hydration", async ({ page }) => {
  const errors = collectErrors(page);
  await openHydrated(page, tenantUrl("path", "forge", "/courses"));
  const count = page.getByTestId("course-count");
  await expect(count).toHaveText("1 course");
  await expect(page.getByRole("link", { name: "Pioneer Training" })).toBeVisible();

  await page.getByLabel("Search courses").fill("nothing like this");
  await expect(count).toHaveText("0 of 1 course");
  await expect(page.getByText("No courses match your search.")).toBeVisible();

  await page.getByLabel("Search courses").fill("pioneer");
  await expect(count).toHaveText("1 course");
  expect(errors).toEqual([]);
});

test("the mobile menu opens and closes", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openHydrated(page, tenantUrl("subdomain", "movement-leaders"));
  const nav = page.getByRole("navigation", { name: "Main" });
  const toggle = page.getByRole("button", { name: "Menu" });
  await expect(nav).toBeHidden();
  await toggle.click();
  await expect(nav).toBeVisible();
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await nav.getByRole("link", { name: "Community" }).click();
  await expect(page).toHaveURL(tenantUrl("subdomain", "movement-leaders", "/community"));
  await expect(nav).toBeHidden();
});

test("a disabled feature's page answers 404, an unknown tenant names nobody", async ({ page }) => {
  const disabled = await page.goto(tenantUrl("path", "future-travelers", "/courses"));
  expect(disabled?.status()).toBe(404);

  const unknown = await page.goto(tenantUrl("subdomain", "no-such-org"));
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");

  const suspended = await page.goto(tenantUrl("path", "harbor-guild"));
  expect(suspended?.status()).toBe(503);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Portal unavailable");
  await expect(page.locator("body")).not.toContainText("Harbor");
});
