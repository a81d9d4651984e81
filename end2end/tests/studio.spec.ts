import { expect, test, type Browser, type Page } from "@playwright/test";
import { collectErrors, openHydrated, tenantUrl } from "./helpers";

const DEMO_PASSWORD = "atrium-demo-2026";

async function signedIn(browser: Browser, slug: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await openHydrated(page, tenantUrl("path", slug, "/signin"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toBeVisible();
  return page;
}

async function addLesson(page: Page, module: string, title: string) {
  await page.getByLabel(`New lesson in ${module}`).fill(title);
  await page.getByLabel(`New lesson in ${module}`).press("Enter");
  await expect(page.getByRole("heading", { name: "Edit lesson" })).toBeVisible();
  await expect(page.locator("[data-hydrated=true]")).toHaveCount(1);
}

test("an instructor builds and publishes a course that its own learners see in order", async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Studio Course ${Date.now()}`;
  const slug = title.toLowerCase().replace(/ /g, "-");
  const page = await signedIn(browser, "5q", "instructor@5q.example");
  const errors = collectErrors(page);

  await openHydrated(page, tenantUrl("path", "5q", "/studio"));
  await page.getByLabel("Title").fill(title);
  await expect(page.getByLabel("Web address")).toHaveValue(slug);
  await page.getByLabel("Who can see it").selectOption("members");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("outline")).toBeVisible();
  await expect(page.getByTestId("course-status")).toContainText("Draft");

  // Two modules.
  await page.getByLabel("Module title", { exact: true }).first().fill("Basics");
  await page.getByRole("button", { name: "Rename" }).first().click();
  await expect(page.locator("[data-module=Basics]")).toBeVisible();
  await page.getByLabel("New module").fill("Practice");
  await page.getByRole("button", { name: "Add module" }).click();
  await expect(page.locator("[data-module=Practice]")).toBeVisible();

  // First lesson: write Markdown, watch the preview, try to leave unsaved, save, publish.
  await addLesson(page, "Basics", "First steps");
  await page.getByLabel("Lesson text (Markdown)").fill("## Welcome\n\n- **bold** point\n\n<script>window.hacked = 1</script>");
  const preview = page.getByTestId("preview");
  await expect(preview.locator("h2")).toHaveText("Welcome");
  await expect(preview.locator("strong")).toHaveText("bold");
  await expect(preview.locator("script")).toHaveCount(0);
  await expect(page.getByTestId("save-status")).toHaveText("Unsaved changes");
  let warning = "";
  page.once("dialog", (d) => {
    warning = d.message();
    void d.dismiss();
  });
  await page.getByRole("link", { name: title }).click();
  await expect.poll(() => warning).toContain("unsaved changes");
  await expect(page.getByRole("heading", { name: "Edit lesson" })).toBeVisible();
  await page.getByRole("button", { name: "Save lesson" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("lesson-state")).toHaveText("Published");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("outline")).toBeVisible();

  // Two more lessons, published from the outline.
  await addLesson(page, "Basics", "Second steps");
  await page.getByRole("link", { name: title }).click();
  await addLesson(page, "Practice", "Practice round");
  await page.getByRole("link", { name: title }).click();
  for (const lesson of ["Second steps", "Practice round"]) {
    await page.getByRole("button", { name: `Publish lesson ${lesson}` }).click();
    await expect(page.locator(`[data-lesson="${lesson}"]`)).toContainText("Published");
  }

  // Reorder: the second lesson first, and the Practice module before Basics.
  await page.getByRole("button", { name: "Move lesson Second steps up" }).click();
  await expect(page.locator("[data-module=Basics] [data-lesson]").first()).toHaveAttribute("data-lesson", "Second steps");
  await page.getByRole("button", { name: "Move module Practice up" }).click();
  await expect(page.locator("[data-module]").first()).toHaveAttribute("data-module", "Practice");

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("course-status")).toContainText("Published");
  expect(errors).toEqual([]);

  // A learner of 5Q sees it, in that order, with the sanitised lesson.
  const learner = await signedIn(browser, "5q", "learner@5q.example");
  await openHydrated(learner, tenantUrl("path", "5q", `/courses/${slug}`));
  await expect(learner.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(learner.locator("[data-lesson-id]")).toHaveText(["○Practice round", "○Second steps", "○First steps"]);

  // A learner of another organisation does not.
  const outsider = await signedIn(browser, "movement-leaders", "learner@movement-leaders.example");
  const other = await outsider.goto(tenantUrl("path", "movement-leaders", `/courses/${slug}`));
  expect(other?.status()).toBe(404);
  await openHydrated(outsider, tenantUrl("path", "movement-leaders", "/courses"));
  await expect(outsider.locator("body")).not.toContainText(title);
  const there = await outsider.goto(tenantUrl("path", "5q", `/courses/${slug}`));
  expect(there?.status(), "members-only in 5Q, and the outsider is not signed in there").toBe(404);
});
