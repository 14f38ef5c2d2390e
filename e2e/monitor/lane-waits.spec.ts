import { expect, test } from "../fixtures";
import { seedLaneWaits } from "../factories/lane-waits";

test("the monitor shows how long model calls waited in each lane and how many gave way while queued", async ({
  page,
  signInAs,
}) => {
  const week = await seedLaneWaits();
  await signInAs("admin");
  await page.goto(`/monitor?period=custom&from=${week.from}&to=${week.to}`);
  const table = page.getByRole("table", { name: "Waits in the model lanes", exact: true });
  await expect(table).toBeVisible();
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent.trim())));
  // p95 of 100, 200 and 5000 ms, interpolated as PostgreSQL's percentile_cont does: 200 + 0.9 × 4800.
  expect(rows).toEqual([
    [`fallback · ${week.fallback}`, "1", "50 ms", "50 ms", "50 ms", "0"],
    [`primary · ${week.primary}`, "3", "200 ms", "4,520 ms", "5,000 ms", "1"],
  ]);
  await expect(page.getByRole("table", { name: "Model errors by class", exact: true })).toContainText(
    `${week.primary} · start_timeout`,
  );
});
