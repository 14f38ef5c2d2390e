import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";

test.use({ viewport: { width: 1280, height: 800 } });

test("at least 12 tasks show on a 1280×800 screen without scrolling, each due date on one line", async ({
  page,
  signInAs,
}) => {
  for (let i = 0; i < 13; i += 1) await makeTask({ type: "APPROVE_SPEND", amountMinor: 10_000 + i });
  await signInAs("approver");
  await page.goto("/inbox");
  const rows = page.getByRole("table", { name: "Tasks" }).locator("tbody tr");
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(13);

  const bottoms = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().bottom));
  expect(bottoms.filter((bottom) => bottom <= 800).length).toBeGreaterThanOrEqual(12);

  const due = rows.first().locator("time");
  await expect(due).toHaveText(/^(in \d+ (min|h|d)|due now|\d+ (min|h|d) overdue)$/);
  await expect(due).toHaveAttribute("title", /\d{4}-\d{2}-\d{2}/);
  const lines = await due.evaluate((el) => el.getClientRects().length);
  expect(lines).toBe(1);
});

test("the inbox names task types in words, never by their codes", async ({ page, signInAs }) => {
  await makeTask({ type: "CONFIRM_BANK_CHANGE", amountMinor: 0 });
  await signInAs("admin");
  await page.goto("/inbox");
  await expect(page.getByRole("table", { name: "Tasks" })).toContainText("Confirm bank change");
  await expect(page.locator("main")).not.toContainText(/REVIEW_EXTRACTION|CONFIRM_BANK_CHANGE|APPROVE_SPEND/);
});
