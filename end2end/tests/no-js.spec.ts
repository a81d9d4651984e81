import { expect, test } from "@playwright/test";
import { passTheFiveQQuiz, signInAs, tenantUrl } from "./helpers";

// Runs in the "no-javascript" project (playwright.config.ts): the browser runs no script at all,
// so every step below is a plain link or a plain HTML form the server answers with a redirect.

test.beforeEach(async ({ page }) => {
  // Proof that the project really has JavaScript off: a script on the page would set this.
  await page.goto(tenantUrl("path", "5q"));
  await page.waitForLoadState("networkidle");
  expect(await page.locator("[data-hydrated='true']").count()).toBe(0);
});

test("without JavaScript a visitor signs up, enrols, reads, completes lessons, passes the quiz and signs out", async ({ page }) => {
  test.setTimeout(60_000);
  const email = `nojs-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

  // Sign up.
  await page.goto(tenantUrl("path", "5q", "/signup"));
  await page.getByLabel("Your name").fill("Noor Plain");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toContainText("Noor Plain");

  // Catalog → course → enrol.
  await page.goto(tenantUrl("path", "5q", "/courses"));
  await page.getByRole("link", { name: "The 5Q Framework" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The 5Q Framework");
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await expect(page).toHaveURL(/\/5q\/courses\/the-5q-framework\/lessons\//);

  // Read and complete every lesson.
  for (let n = 1; n <= 4; n++) {
    await expect(page.getByText(`Lesson ${n} of 4`)).toBeVisible();
    await expect(page.locator(".lesson-body")).toContainText("Key ideas");
    await page.getByRole("button", { name: "Mark complete" }).click();
    await expect(page.getByTestId("lesson-done")).toBeVisible();
    if (n < 4) await page.locator("a[rel=next]").click();
  }
  await expect(page.getByTestId("progress-text")).toHaveText("80% · 4 of 5 done");

  // The quiz: half answered is refused with a message; a wrong try shows its result; then a pass.
  await page.getByRole("link", { name: "Back to the course" }).click();
  await page.getByRole("link", { name: "Take quiz" }).click();
  await page.getByLabel("Three").check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("alert")).toHaveText("Answer every question before submitting.");
  await expect(page.getByText("No attempts yet.")).toBeVisible();
  await expect(page.getByLabel("Three"), "the answer given is kept").toBeChecked();
  await page.getByLabel("Only trust your strongest gift").check();
  await page.getByLabel("Faster decisions").check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("quiz-result")).toContainText("Not quite. Try again. You scored 0%");
  await passTheFiveQQuiz(page);
  await expect(page.getByTestId("attempts").locator("li")).toHaveCount(2);

  // My learning shows the finished course and its certificate.
  await page.goto(tenantUrl("path", "5q", "/learning"));
  await expect(page.locator("[data-course=the-5q-framework]").getByTestId("progress-text")).toHaveText("Complete · 100%");
  await expect(page.getByRole("region", { name: "Certificates" })).toContainText("The 5Q Framework");

  // Sign out through the account menu (a <details> element: it opens without script).
  await page.locator("[data-testid=user-menu] summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("[data-testid=user-menu]")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto(tenantUrl("path", "5q", "/learning"));
  await expect(page.locator("body")).not.toContainText("Noor Plain");
});

test("without JavaScript a member signs in and replies to a discussion", async ({ page }) => {
  await signInAs(page, "subdomain", "movement-leaders", "sam@learner.example");
  await page.goto(tenantUrl("subdomain", "movement-leaders", "/courses/foundations-of-movement-leadership/discussions"));
  await page.getByRole("link", { name: "What did you stop doing?" }).click();
  const reply = `Stopped answering email on Sundays (${Date.now()}).`;
  await page.getByLabel("Your reply").fill(reply);
  await page.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(page.locator("[data-post-id]").last()).toContainText(reply);
  await expect(page.getByLabel("Your reply")).toHaveValue("");
});

test("without JavaScript a wrong password is refused with a message, and the form keeps the email", async ({ page }) => {
  await page.goto(tenantUrl("path", "5q", "/signin"));
  await page.getByLabel("Email").fill("sam@learner.example");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("sam@learner.example");
  await expect(page.locator("[data-testid=user-menu]")).toHaveCount(0);
});
