import { expect, test } from "@playwright/test";
import { collectErrors, cssVar, openHydrated, tenantUrl, type Mode } from "./helpers";

const tenants = [
  {
    slug: "5q",
    name: "5Q Collective",
    primary: "#1D4A38",
    favicon: "/assets/demo/5q-mark.svg",
    logo: "/assets/demo/5q-mark.png",
    nav: ["Courses", "Assessments", "Shop"],
    hidden: ["Community"],
  },
  {
    slug: "movement-leaders",
    name: "Movement Leaders",
    primary: "#2563EB",
    favicon: "/favicon.svg",
    logo: null,
    nav: ["Courses", "Community", "Shop"],
    hidden: ["Assessments"],
  },
];

for (const mode of ["path", "subdomain"] as Mode[]) {
  for (const t of tenants) {
    test(`${t.slug} by ${mode}: branding, title and feature navigation`, async ({ page }) => {
      const errors = collectErrors(page);
      await openHydrated(page, tenantUrl(mode, t.slug));

      expect(await cssVar(page, "--brand-primary")).toBe(t.primary);
      await expect(page).toHaveTitle(`${t.name} · Home`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome to ${t.name}`);

      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText(t.nav);
      for (const hidden of t.hidden) {
        await expect(nav.getByRole("link", { name: hidden })).toHaveCount(0);
      }
      // The hero uses the brand colour through the Tailwind theme token.
      const heroColor = await page
        .locator("section")
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(t.primary.slice(i, i + 2), 16));
      expect(heroColor).toBe(`rgb(${r}, ${g}, ${b})`);
      // Favicon and logo are the tenant's own (5Q has uploaded ones; the other uses initials).
      await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", t.favicon);
      const logo = page.locator("header img");
      if (t.logo) {
        await expect(logo).toHaveAttribute("src", t.logo);
        expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      } else {
        await expect(logo).toHaveCount(0);
      }
      expect(errors).toEqual([]);
    });
  }

  test(`links and navigation stay in ${mode} mode`, async ({ page }) => {
    const errors = collectErrors(page);
    // Pages are rendered by the server (islands): following a link loads the next page, whose
    // islands hydrate from the wasm the browser already has.
    await openHydrated(page, tenantUrl(mode, "5q"));

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
    await expect(page).toHaveURL(tenantUrl(mode, "5q", "/courses"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Courses");
    await expect(page).toHaveTitle("5Q Collective · Courses");

    await page.getByRole("link", { name: "The 5Q Framework" }).click();
    await expect(page).toHaveURL(tenantUrl(mode, "5q", "/courses/the-5q-framework"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("The 5Q Framework");
    await expect(page.getByText("Module 1 · Getting oriented")).toBeVisible();
    await expect(page.locator("[data-hydrated='true']")).toHaveCount(1);

    // The wasm came with the first page; this one took it from the browser's cache.
    const wasmBytes = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((e) => e.name.endsWith(".wasm"))
        .map((e) => (e as PerformanceResourceTiming).transferSize),
    );
    expect(wasmBytes.length).toBeGreaterThan(0);
    expect(wasmBytes.every((bytes) => bytes === 0)).toBe(true);
    expect(errors).toEqual([]);
  });
}
