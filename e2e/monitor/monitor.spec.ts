import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { seedMonitorWeek } from "../factories/monitor";
import {
  backlogRows,
  classMixRows,
  costRows,
  fieldRows,
  modelCallRows,
  qaRows,
  straightThroughRows,
  throughputRows,
  type Cell,
} from "./expected";

const DAY = 86_400_000;

/** A table's body as text, named by its caption; hidden rows (a folded vendor) are read all the same. */
async function readTable(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole("table", { name: caption, exact: true });
  await expect(table).toHaveCount(1);
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent.trim())),
    );
}

/**
 * Compares a table with its expected rows. A mean of floats (a confidence) is compared within half its last shown
 * digit, since the database and this spec may add the same numbers in another order.
 */
async function expectTable(page: Page, caption: string, expected: Cell[][]) {
  const actual = await readTable(page, caption);
  const settled = actual.map((row, r) =>
    row.map((cell, c) => {
      const want = expected[r]?.[c];
      if (typeof want !== "object") return cell;
      const close = Math.abs(Number(cell) - want.approx) <= 0.5 * 10 ** -want.digits + 1e-9;
      return close ? want : cell;
    }),
  );
  expect(settled, caption).toEqual(expected);
}

test("an admin opens the monitor over a seeded week and every plot shows the numbers the database holds", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(90_000);
  const week = await seedMonitorWeek();
  const window = week.window;
  const baseline = { from: new Date(window.from.getTime() - 7 * DAY), to: window.from };
  await signInAs("admin");
  await page.goto(`/monitor?period=custom&from=${week.from}&to=${week.to}`);
  await expect(page.getByRole("heading", { name: "Monitor", level: 1 })).toBeVisible();
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(week.from);
  await expect(page.getByLabel("To (included)", { exact: true })).toHaveValue(week.to);

  for (const title of [
    "Throughput",
    "Backlog",
    "Straight-through",
    "Fields",
    "Fields by vendor",
    "Document classes",
    "Model calls",
    "Cost per approved document",
  ])
    await expect(page.getByRole("heading", { name: title, level: 2, exact: true })).toBeVisible();

  await expectTable(page, "Throughput", await throughputRows(window));
  await expectTable(page, "Backlog", await backlogRows(window.to));
  await expectTable(page, "Straight-through", await straightThroughRows(window, baseline));
  await expectTable(page, "Auto-posted documents found wrong", await qaRows(window));
  await expectTable(page, "Fields", await fieldRows(window, baseline));
  for (const vendor of week.vendors) {
    await page.getByText(new RegExp(`^${vendor} \\(`)).click();
    await expect(page.getByRole("table", { name: `Fields for ${vendor}`, exact: true })).toBeVisible();
    await expectTable(page, `Fields for ${vendor}`, await fieldRows(window, baseline, vendor));
  }
  await expectTable(page, "Document classes", await classMixRows(window, baseline));
  const models = await modelCallRows(window);
  await expectTable(page, "Model calls", models.calls);
  await expectTable(page, "Model errors by class", models.errors);
  await expectTable(page, "Fallbacks taken", models.fallbacks);

  // The hourly rate is a setting another spec may change meanwhile: read it and the page again until they agree.
  await expect(async () => {
    await page.reload();
    const cost = await costRows(window);
    await expectTable(page, "Cost by task type", cost.byType);
    await expectTable(page, "Cost by vendor", cost.byVendor);
    if (cost.missing) await expect(page.getByRole("status").filter({ hasText: cost.missing })).toBeVisible();
  }).toPass({ timeout: 30_000 });
});

test("a period with nothing in it says so for each plot instead of drawing empty axes", async ({ page, signInAs }) => {
  await signInAs("admin");
  // 1990 is before any spec's data: the seeded weeks are in 2001–2020.
  await page.goto("/monitor?period=custom&from=1990-01-01&to=1990-01-01");
  for (const sentence of [
    "No documents were received, posted, rejected or failed in this period.",
    "No task was open at the end of this period.",
    "No document was posted or rejected in this period or the one before.",
    "No document received in this period has an extraction, so no field can be measured.",
    "No document received in this period names a vendor.",
    "No document was received in this period.",
    "No model was called in this period.",
    "No document was posted in this period, so none has a cost yet.",
  ])
    await expect(page.getByText(sentence, { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Throughput", exact: true })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Model calls", exact: true })).toHaveCount(0);
});

test("a custom range that does not hold is refused beside its field", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/monitor?period=custom&from=2005-03-07&to=2005-03-01");
  await expect(page.getByLabel("To (included)", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByRole("alert").filter({ hasText: "The last day must be on or after the first day." }),
  ).toBeVisible();

  await page.getByLabel("From", { exact: true }).fill("");
  await page.getByLabel("To (included)", { exact: true }).fill("2005-03-13");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=custom/);
  await expect(page.getByRole("alert").filter({ hasText: "Give the first day of the range." })).toBeVisible();
});

test("the monitor fits a 390 px screen over a busy week without scrolling sideways", async ({ page, signInAs }) => {
  const week = await seedMonitorWeek([2011, 2020]);
  await signInAs("admin");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/monitor?period=custom&from=${week.from}&to=${week.to}`);
  await expect(page.getByRole("table", { name: "Model calls", exact: true })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("an approver is turned away from the monitor and does not see it in the navigation", async ({
  page,
  signInAs,
}) => {
  await signInAs("approver");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Monitor" })).toHaveCount(0);
  const response = await page.goto("/monitor");
  expect(response?.status()).toBe(403);
});
