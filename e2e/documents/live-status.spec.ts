import { getTaskById } from "@/db/queries/tasks";
import { getRateBook } from "@/db/queries/exchange-rates";
import { approvalsRequired, isSpending } from "@/domain/tasks/policy";
import { expect, test } from "../fixtures";
import { documentNumber, uniqueSeller, usInvoiceText } from "../factories/invoices";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { confirmSpend, moveToTask } from "../support/inbox";
import { expectNoReload, followLive } from "../support/live";
import { nextStep } from "../support/tasks";
import { uploadUntilTask } from "../support/upload";

test("the uploader's document page turns Posted when someone else approves in the inbox, without a reload", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAs("operator");
  const number = documentNumber("INV-LIVE");
  const documentId = await uploadUntilTask(page, `${number}.txt`, usInvoiceText({ number, seller: uniqueSeller() }));
  // A task is open: the page no longer polls, so only a push can bring the news.
  await followLive(page);

  const admin = await makeUser({ role: "admin", approvalLimitMinor: 5_000_000, approvalCurrency: "USD" });
  // A dollar amount needs a second approver while no rate converts it to the base currency (other specs add one).
  const second = await makeUser({ role: "admin", approvalLimitMinor: 5_000_000, approvalCurrency: "USD" });
  const { page: work, context } = await LoginPage.inNewContext(browser, admin);
  const { page: confirmer, context: confirming } = await LoginPage.inNewContext(browser, second);
  for (;;) {
    const next = await nextStep(documentId);
    if (next === "posted") break;
    if (next.type === "CONFIRM_NEW_VENDOR") {
      await work.goto(`/inbox/${next.id}`);
      await work
        .getByRole("region", { name: "New vendor" })
        .getByRole("button", { name: "Create vendor and continue" })
        .click();
    } else {
      await work.goto(`/inbox?type=${next.type}&sort=newest`);
      await moveToTask(work, next.title);
      await work.keyboard.press("a");
      if (isSpending(next.type)) await confirmSpend(work, next.title);
      if (approvalsRequired(next, 1_000_000, await getRateBook()) === 2) {
        await expect(work.getByText(`Approved, 1 of 2: ${next.title}`, { exact: true })).toBeVisible();
        await confirmer.goto(`/inbox/${next.id}`);
        await confirmer.getByRole("button", { name: "Approve" }).click();
      }
    }
    await expect.poll(async () => (await getTaskById(next.id))?.status).toBe("resolved");
  }
  await context.close();
  await confirming.close();

  await expect(page.getByText("Posted", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("chose approve");
  await expectNoReload(page);
});
