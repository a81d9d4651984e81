import { expect, test } from "@playwright/test";
import { cssVar, openHydrated, signInAs, tenantUrl } from "./helpers";

test("the first Tab reaches a skip link that jumps past the header, and focus shows in the tenant's ink", async ({ page }) => {
  await openHydrated(page, tenantUrl("path", "5q", "/courses"));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  // The focus ring is the tenant's brand ink (its primary colour, darkened where needed to
  // read at 4.5:1), 3px and solid.
  const ink = await cssVar(page, "--brand-ink");
  expect(ink).toBe("#1D4A38");
  const ring = await skip.evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor];
  });
  expect(ring).toEqual(["solid", "3px", "rgb(29, 74, 56)"]);

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press("Tab");
  const inMain = await page.evaluate(() => document.activeElement?.closest("main") !== null);
  expect(inMain, "the next Tab lands inside the page's content").toBe(true);
});

test("the account menu works from the keyboard: Enter opens, Escape closes and focus returns", async ({ page }) => {
  await signInAs(page, "path", "5q", "sam@learner.example");
  await openHydrated(page, tenantUrl("path", "5q", "/courses"));
  const menu = page.getByTestId("user-menu");
  const summary = menu.locator("summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("open", "");
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "My learning" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).not.toHaveAttribute("open");
  await expect(summary).toBeFocused();

  // A click elsewhere closes it too.
  await summary.click();
  await expect(menu).toHaveAttribute("open", "");
  await page.getByRole("heading", { level: 1 }).click();
  await expect(menu).not.toHaveAttribute("open");
});
