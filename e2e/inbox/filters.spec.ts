import type { Task } from "@/db/schema";
import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

// Each test keeps to a currency no other test uses, so the filtered inbox holds only its own tasks.

test("an approver narrows the inbox by amount and currency, sorts by amount, and is told when an amount cannot be read", async ({
  page,
}) => {
  const small = await makeTask({ type: "APPROVE_SPEND", amountMinor: 10_000, currency: "CHF" });
  const middle = await makeTask({ type: "APPROVE_SPEND", amountMinor: 500_000, currency: "CHF" });
  const large = await makeTask({ type: "APPROVE_SPEND", amountMinor: 2_000_000, currency: "CHF" });
  await new LoginPage(page).signInAs(await makeUser({ role: "approver" }));
  await page.goto("/inbox");
  const filters = page.getByRole("form", { name: "Filters" });
  const rows = page.getByRole("table", { name: "Tasks" }).getByRole("row");

  await filters.getByLabel("Smallest amount").fill("1,000");
  await filters.getByLabel("Largest amount").fill("10000");
  await filters.getByLabel("Currency").fill("chf");
  await filters.getByLabel("Currency").press("Enter");
  await expect(page).toHaveURL(/min=1%2C000&max=10000&currency=chf/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(middle.task.title);
  await expect(page.getByRole("navigation", { name: "Filter by type" })).toContainText("Approve spend (1)");

  // Choosing a sort applies at once, without the button.
  await filters.getByLabel("Largest amount").fill("");
  await filters.getByLabel("Smallest amount").fill("");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(4);
  await filters.getByLabel("Sort").selectOption("amount");
  await expect(page).toHaveURL(/sort=amount/);
  await expect(rows.nth(1)).toContainText(large.task.title);
  await expect(rows.nth(3)).toContainText(small.task.title);

  await filters.getByLabel("Smallest amount").fill("lots");
  await filters.getByLabel("Smallest amount").press("Enter");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Type the smallest amount as a number, such as 5,000 or 5000.00.",
  );
  // The unreadable bound is not applied; the currency still is.
  await expect(rows).toHaveCount(4);
});

test("the inbox pages with a keyset cursor: the next page continues where the first ended, and the first page is one link away", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const made: Task[] = [];
  for (let i = 0; i < 53; i++)
    made.push((await makeTask({ type: "APPROVE_SPEND", amountMinor: 1_000 + i, currency: "SEK" })).task);
  await new LoginPage(page).signInAs(await makeUser({ role: "approver" }));
  await page.goto("/inbox?currency=SEK");
  const rows = page.getByRole("table", { name: "Tasks" }).getByRole("row");
  await expect(rows).toHaveCount(51);
  await expect(page.getByText("53 tasks · oldest first")).toBeVisible();
  const firstPage = await rows.allInnerTexts();

  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(rows).toHaveCount(4);
  const secondPage = await rows.allInnerTexts();
  const titles = [...firstPage.slice(1), ...secondPage.slice(1)].map(
    (t) => made.find((task) => t.includes(task.title))?.id,
  );
  expect(titles).toEqual(made.map((t) => t.id));
  await expect(page.getByRole("link", { name: "Next page →" })).toHaveCount(0);

  await page.getByRole("link", { name: "← First page" }).click();
  await expect(rows).toHaveCount(51);
  await expect(page).not.toHaveURL(/after=/);
});
