import { defineConfig } from "@playwright/test";

// The server under test: the release binary cargo-leptos built (`cargo leptos build --release`),
// on its own port, against a freshly recreated database with the demo data (scripts/test
// prepares ATRIUM_E2E_DATABASE_URL). ATRIUM_E2E_BINARY picks another build.
const port = Number(process.env.ATRIUM_E2E_PORT ?? 3100);
export const origin = (host = "localhost") => `http://${host}:${port}`;

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: origin(),
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /no-js\.spec\.ts/ },
    // The learner core with JavaScript switched off: plain links and forms only.
    { name: "no-javascript", testMatch: /no-js\.spec\.ts/, use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: process.env.ATRIUM_E2E_BINARY ?? "target/release/atrium",
    cwd: "..",
    url: `${origin()}/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.ATRIUM_E2E_DATABASE_URL ?? "",
      ATRIUM_APP_DB_PASSWORD: process.env.ATRIUM_APP_DB_PASSWORD ?? "",
      ATRIUM_PLATFORM_DB_PASSWORD: process.env.ATRIUM_PLATFORM_DB_PASSWORD ?? "",
      ATRIUM_DEMO_DATA: "1",
      ATRIUM_LISTEN_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "target/site",
      // Metrics on a port of their own, free whatever else runs on this machine.
      ATRIUM_METRICS_ADDR: "127.0.0.1:0",
      RUST_LOG: "warn",
    },
  },
});
