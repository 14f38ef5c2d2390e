import { defineConfig } from "@playwright/test";

/**
 * E2E runs against the production build (`npm run build` first), started by e2e/global-setup.ts through Keel's own
 * launcher on a throwaway embedded PostgreSQL, in Debian's Chromium (Playwright's own browsers cannot be downloaded).
 */
export default defineConfig({
  testDir: "e2e",
  // Its own run, with its own setup: playwright.production.config.ts.
  testIgnore: "production/**",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/results/e2e.json" }]],
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
