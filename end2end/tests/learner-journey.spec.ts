import { expect, test, type Page } from "@playwright/test";
import { collectErrors, expectAccessible, openHydrated, passTheFiveQQuiz, tenantUrl, type Mode } from "./helpers";

const DEMO_PASSWORD = "atrium-demo-2026";

async function signIn(page: Page, mode: Mode, slug: string, email: string, password: string) {
  await openHydrated(page, tenantUrl(mode, slug, "/signin"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toBeVisible();
}

test("a new learner signs up, completes a course, passes its quiz, and another portal shows none of it", async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

  await openHydrated(page, tenantUrl("path", "5q", "/signup"));
  await page.getByLabel("Your name").fill("Riley Example");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toContainText("Riley Example");

  await openHydrated(page, tenantUrl("path", "5q", "/courses/the-5q-framework"));
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await expect(page).toHaveURL(/\/5q\/courses\/the-5q-framework\/lessons\//);

  // Four lessons: mark each complete and move on.
  for (let n = 1; n <= 4; n++) {
    await expect(page.getByText(`Lesson ${n} of 4`)).toBeVisible();
    await page.getByRole("button", { name: "Mark complete" }).click();
    await expect(page.getByTestId("lesson-done")).toBeVisible();
    if (n < 4) {
      await page.locator("a[rel=next]").click();
    }
  }
  // The quiz counts toward completion: four of five steps done.
  await expect(page.getByTestId("progress-text")).toHaveText("80% · 4 of 5 done");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "80");

  await page.getByRole("link", { name: "Back to the course" }).click();
  await page.getByRole("link", { name: "Take quiz" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("5Q Framework check");
  await passTheFiveQQuiz(page);
  await expect(page.getByTestId("quiz-result")).toContainText("That completes the course");
  await expect(page.getByTestId("attempts")).toContainText("100% · passed");
  await expectAccessible(page, "quiz with its result");

  await openHydrated(page, tenantUrl("path", "5q", "/learning"));
  const card = page.locator("[data-course=the-5q-framework]");
  await expect(card.getByTestId("progress-text")).toHaveText("Complete · 100%");
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

  // Completing it earned a certificate: listed here, verifiable by its page, printable as a PDF.
  const certificates = page.getByRole("region", { name: "Certificates" });
  await certificates.getByRole("link", { name: "The 5Q Framework", exact: true }).click();
  await expect(page).toHaveURL(/\/5q\/certificates\/[0-9A-Z]{28}$/);
  const certificateUrl = page.url();
  await expect(page.locator("[data-certificate=valid]")).toContainText("Valid certificate, issued by");
  await expect(page.getByRole("article")).toContainText("Riley Example");
  await expect(page.getByRole("article")).toContainText("The 5Q Framework");
  await expectAccessible(page, "a valid certificate");
  const pdfHref = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const pdfBytes = await pdf.body();
  expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdfBytes.includes("/Subtype/Image"), "the PDF carries 5Q's logo").toBe(true);

  expect(errors).toEqual([]);

  // Another portal cannot verify it: the same answer as for a code that does not exist.
  await page.goto(certificateUrl.replace("/5q/", "/movement-leaders/"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate not found");
  await expect(page.locator("body")).not.toContainText("Riley Example");

  // Another tenant's portal knows nothing of this learner or this course. (The certificate's
  // page answered 404 and its "My learning" answers 401, which the browser logs; nothing else may
  // go wrong.)
  await openHydrated(page, tenantUrl("path", "movement-leaders", "/learning"));
  await expect(page.getByRole("alert")).toContainText("Please sign in");
  await expect(page.locator("body")).not.toContainText("The 5Q Framework");
  await expect(page.locator("body")).not.toContainText("Riley Example");
  await openHydrated(page, tenantUrl("path", "movement-leaders", "/courses"));
  await expect(page.getByRole("link", { name: "Foundations of Movement Leadership" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("The 5Q Framework");
  expect(errors.filter((e) => !e.includes("status of 401") && !e.includes("status of 404"))).toEqual([]);
});

for (const mode of ["path", "subdomain"] as Mode[]) {
  test(`the two-portal learner switches portals by ${mode}`, async ({ page }) => {
    const errors = collectErrors(page);
    await signIn(page, mode, "5q", "sam@learner.example", DEMO_PASSWORD);
    await page.locator("[data-testid=user-menu] summary").click();
    await page.getByRole("button", { name: "Go to Movement Leaders" }).click();
    // The other portal names the account and signs in only when asked to (no login CSRF).
    await expect(page.getByRole("heading", { name: "Continue to Movement Leaders" })).toBeVisible();
    await expect(page.locator("[data-testid=user-menu]")).toHaveCount(0);
    await page.getByRole("button", { name: "Continue as Sam Rivera" }).click();
    await expect(page).toHaveURL(tenantUrl(mode, "movement-leaders"));
    await expect(page.locator("[data-testid=user-menu]")).toContainText("Sam Rivera");
    await expect(page).toHaveTitle("Movement Leaders · Home");
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--brand-primary").trim())).toBe("#2563EB");
    expect(errors).toEqual([]);
  });
}
