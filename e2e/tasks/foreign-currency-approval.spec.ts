import { listExchangeRates } from "@/db/queries/exchange-rates";
import { getTaskById } from "@/db/queries/tasks";
import { rateDay } from "@/domain/fx";
import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { moveToTask } from "../support/inbox";

test("an admin imports rates; an approver with a EUR limit approves a USD and an INR invoice, and each task shows the rate used", async ({
  page,
  browser,
  signInAs,
}) => {
  test.setTimeout(90_000);
  const today = rateDay();

  // The admin's CSV has a comma for a decimal point on line 3: nothing is imported, and the line is named.
  await signInAs("admin");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Exchange rates" }).click();
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import rates" });
  await dialog
    .getByLabel("Or paste the lines")
    .fill(`currency,rate,effective_from\nUSD,1.08,${today}\nINR,90,5,${today}\n`);
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "Line 3: expected 3 values (currency,rate,effective_from), found 4; write the rate with a decimal point",
  );
  expect(
    (await listExchangeRates()).filter(
      (r) => r.effectiveFrom === today && (r.currency === "USD" || r.currency === "INR"),
    ),
  ).toEqual([]);

  await dialog
    .getByLabel("Or paste the lines")
    .fill(`currency,rate,effective_from\nUSD,1.08,${today}\nINR,90.5,${today}\n`);
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog).toBeHidden();
  const inForce = page.getByRole("region", { name: "In force today" });
  await expect(inForce).toContainText("1 EUR = 1.08 USD");
  await expect(inForce).toContainText("1 EUR = 90.5 INR");

  const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000, approvalCurrency: "EUR" });
  const usd = (await makeTask({ type: "APPROVE_SPEND", amountMinor: 200_000, currency: "USD" })).task;
  const inr = (await makeTask({ type: "APPROVE_SPEND", amountMinor: 15_000_000, currency: "INR" })).task;
  const { page: inbox, context } = await LoginPage.inNewContext(browser, approver);

  // USD from the inbox: `a` asks first, with the amount; Escape leaves the task open; Enter approves.
  // Only this amount in USD, so tasks other tests open meanwhile do not shift the selection.
  await inbox.goto("/inbox?type=APPROVE_SPEND&sort=newest&currency=USD&min=2000&max=2000");
  await moveToTask(inbox, usd.title);
  await inbox.keyboard.press("a");
  const confirm = inbox.getByRole("dialog", { name: "Approve this spend?" });
  await expect(confirm).toContainText("US$2,000.00");
  await inbox.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  expect((await getTaskById(usd.id))?.status).toBe("open");
  await inbox.keyboard.press("a");
  await expect(confirm).toBeVisible();
  await inbox.keyboard.press("Enter");
  await expect(inbox.getByText(`Approved: ${usd.title}`, { exact: true })).toBeVisible();
  await expect.poll(async () => (await getTaskById(usd.id))?.status).toBe("resolved");
  expect((await getTaskById(usd.id))?.parameters).toMatchObject({
    conversion: {
      fromMinor: 200_000,
      fromCurrency: "USD",
      toMinor: 185_186,
      toCurrency: "EUR",
      legs: [{ currency: "USD", rate: "1.08", effectiveFrom: today }],
    },
  });
  await inbox.goto(`/inbox/${usd.id}`);
  await expect(inbox.getByRole("region", { name: "Exchange rate" })).toContainText(
    `US$2,000.00 = €1,851.86 at 1 EUR = 1.08 USD (effective ${today})`,
  );

  // INR from its task page: the page shows the conversion before the decision; `a`, then Enter.
  await inbox.goto(`/inbox/${inr.id}`);
  await expect(inbox.getByRole("region", { name: "Exchange rate" })).toContainText(
    `₹150,000.00 = €1,657.46 at 1 EUR = 90.5 INR (effective ${today})`,
  );
  await inbox.keyboard.press("a");
  await expect(confirm).toContainText("₹150,000.00");
  await inbox.keyboard.press("Enter");
  await expect(inbox).toHaveURL(/\/inbox$/);
  expect(await getTaskById(inr.id)).toMatchObject({
    status: "resolved",
    resolvedBy: approver.id,
    parameters: { conversion: { toMinor: 165_746, legs: [{ rate: "90.5" }] } },
  });
  await inbox.goto(`/inbox/${inr.id}`);
  await expect(inbox.getByRole("region", { name: "Exchange rate" })).toContainText("Exchange rate used");
  await expect(inbox.getByRole("region", { name: "Exchange rate" })).toContainText(
    "₹150,000.00 = €1,657.46 at 1 EUR = 90.5 INR",
  );
  await context.close();
});

test("an invoice in a currency with no rate shows why Approve is disabled and where the rate is added", async ({
  page,
}) => {
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000, approvalCurrency: "EUR" });
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 100_000, currency: "MXN" });
  await new LoginPage(page).signInAs(approver);
  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toBeDisabled();
  await expect(
    page.getByText(
      `No exchange rate for MXN against EUR is in effect on ${rateDay()}; an admin adds it in Settings → Exchange rates.`,
    ),
  ).toBeVisible();
  await page.keyboard.press("a");
  await expect(page.getByRole("dialog", { name: "Approve this spend?" })).toHaveCount(0);
  expect((await getTaskById(task.id))?.status).toBe("open");
});

test("an approver gets 403 on Settings → Exchange rates", async ({ page, signInAs }) => {
  await signInAs("approver");
  const response = await page.goto("/settings/exchange-rates");
  expect(response?.status()).toBe(403);
});
