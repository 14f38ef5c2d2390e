import { defineConfig } from "@playwright/test";
import main from "./playwright.config";

/**
 * The production-shaped run (`npx playwright test --config playwright.production.config.ts`, after `npm run
 * build`): e2e/production/global-setup.ts starts Keel as a deployment does, `next start` alone on environment
 * variables beside its own PostgreSQL, bucket and engine, and the specs in e2e/production/ drive it in Chromium.
 */
export default defineConfig({
  testDir: "e2e/production",
  globalSetup: "./e2e/production/global-setup.ts",
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/results/e2e-production.json" }]],
  use: main.use,
});
