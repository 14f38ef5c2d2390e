import type { Page } from "@playwright/test";
import { expect } from "../fixtures";

/**
 * Waits until the page follows its live channel, then marks the window: a reload or a navigation loses the mark, so
 * `expectNoReload` proves that what the page shows afterwards came by push into the same page.
 */
export async function followLive(page: Page): Promise<void> {
  await expect(page.locator('[data-live-updates="connected"]')).toHaveCount(1, { timeout: 15_000 });
  await page.evaluate(() => {
    (window as { keelSamePage?: boolean }).keelSamePage = true;
  });
}

export async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { keelSamePage?: boolean }).keelSamePage)).toBe(true);
}
