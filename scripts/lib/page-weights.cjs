// Measures what a browser downloads for some pages of a running Atrium, as served (compressed):
// HTML, CSS, JS and WASM, in Debian's Chromium. Used by scripts/bench.
// Usage: node scripts/lib/page-weights.cjs <base URL> <email> <password> <page path>...
// Paths are inside the 5Q demo portal (path mode); the person signs in first when given.
const path = require("path");
const { chromium } = require(path.join(__dirname, "../../node_modules/playwright-core"));

const [base, email, password, ...pages] = process.argv.slice(2);

function kind(type, url) {
  if (type.includes("text/html")) return "html";
  if (type.includes("css")) return "css";
  if (type.includes("javascript")) return "js";
  if (type.includes("wasm") || url.endsWith(".wasm")) return "wasm";
  return "other";
}

async function weigh(context, url) {
  const page = await context.newPage();
  const sizes = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  const pending = [];
  page.on("requestfinished", (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        const { responseBodySize } = await request.sizes();
        const type = (response && response.headers()["content-type"]) || "";
        sizes[kind(type, request.url())] += responseBodySize;
      })(),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.locator("body[data-hydrated='true']").waitFor({ timeout: 15000 });
  await Promise.all(pending);
  await page.close();
  return sizes;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext();
  if (email) {
    const page = await context.newPage();
    await page.goto(`${base}/5q/signin`);
    await page.locator("body[data-hydrated='true']").waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/5q`);
    await page.close();
  }
  for (const p of pages) {
    // A fresh cache per page: the weight of a first visit.
    const fresh = await browser.newContext({ storageState: await context.storageState() });
    const s = await weigh(fresh, `${base}/5q${p}`);
    await fresh.close();
    console.log(JSON.stringify({ page: p, ...s, js_wasm: s.js + s.wasm }));
  }
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
