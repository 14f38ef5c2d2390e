import { getDocumentById } from "@/db/queries/documents";
import { listPayablesForDocument } from "@/db/queries/ledger";
import { getTaskById, listTasksForDocument } from "@/db/queries/tasks";
import { getRateBook } from "@/db/queries/exchange-rates";
import { approvalsRequired, isSpending } from "@/domain/tasks/policy";
import { expect, test } from "../fixtures";
import { documentNumber } from "../factories/invoices";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { confirmSpend, moveToTask } from "../support/inbox";
import { uploadUntilTask } from "../support/upload";
import { actionId } from "../support/actions";
import { nextStep } from "../support/tasks";

const invoice = (number: string, total: string) =>
  [
    "Acme Industrial Supply, Inc.",
    "INVOICE",
    `Invoice #: ${number}`,
    "Invoice Date: 03/04/2025",
    `Total Due: $${total}`,
  ].join("\n");

test("an operator uploads; an approver works the tasks from the inbox with the keyboard; a second approver completes four eyes; the run posts", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAs("operator");
  const number = documentNumber("INV-INBOX");
  const documentId = await uploadUntilTask(page, `${number}.txt`, invoice(number, "12,000.00"));

  // Nobody here uploaded it. Each task goes to someone of its role; the approvers may both approve $12,000.00, at or
  // above the four-eyes threshold.
  const first = await makeUser({ role: "approver", approvalLimitMinor: 5_000_000, approvalCurrency: "USD" });
  const second = await makeUser({ role: "approver", approvalLimitMinor: 5_000_000, approvalCurrency: "USD" });
  const checker = await makeUser({ role: "operator" });
  const admin = await makeUser({ role: "admin", approvalLimitMinor: 5_000_000, approvalCurrency: "USD" });
  const sessions = await Promise.all(
    [first, second, checker, admin].map((user) => LoginPage.inNewContext(browser, user)),
  );
  const [inbox, confirmer, checkerPage, adminPage] = sessions.map((s) => s.page);
  if (!inbox || !confirmer || !checkerPage || !adminPage) throw new Error("no sessions");
  const worker = { approver: inbox, operator: checkerPage, admin: adminPage };
  const decided: string[] = [];
  for (;;) {
    const next = await nextStep(documentId);
    if (next === "posted") break;
    decided.push(next.type);

    const work = worker[next.assignedRole];
    if (next.type === "CONFIRM_NEW_VENDOR") {
      // A seller not on file is set up from its task page, never approved with a key.
      await work.goto(`/inbox/${next.id}`);
      const form = work.getByRole("region", { name: "New vendor" });
      await expect(form.getByLabel("Name", { exact: true })).toHaveValue("Acme Industrial Supply, Inc.");
      await form.getByRole("button", { name: "Create vendor and continue" }).click();
      await expect(work.getByText("The vendor is on file. Keel checks the document again with it.")).toBeVisible();
      await expect.poll(async () => (await getTaskById(next.id))?.status).toBe("resolved");
      continue;
    }
    // Whoever's queue it is in finds it there, newest first, moves to it with j and approves with a.
    await work.goto(`/inbox?type=${next.type}&sort=newest`);
    await moveToTask(work, next.title);
    await work.keyboard.press("a");
    if (isSpending(next.type)) await confirmSpend(work, next.title);
    if (approvalsRequired(next, 1_000_000, await getRateBook()) === 2) {
      await expect(work.getByText(`Approved, 1 of 2: ${next.title}`, { exact: true })).toBeVisible();
      expect((await getTaskById(next.id))?.status).toBe("open");
      await confirmer.goto(`/inbox/${next.id}`);
      await expect(confirmer.getByText("Approved so far: 1.")).toBeVisible();
      await confirmer.getByRole("button", { name: "Approve" }).click();
      await expect(confirmer).toHaveURL(/\/inbox$/);
      expect(await getTaskById(next.id)).toMatchObject({
        status: "resolved",
        resolvedBy: second.id,
        parameters: { approvers: [first.id, second.id] },
      });
    } else {
      await expect(work.getByText(`Approved: ${next.title}`, { exact: true })).toBeVisible();
    }
    await expect.poll(async () => (await getTaskById(next.id))?.status).toBe("resolved");
  }
  for (const session of sessions) await session.context.close();

  expect(decided).toEqual(expect.arrayContaining(["CONFIRM_NEW_VENDOR", "APPROVE_SPEND"]));
  await expect.poll(async () => (await getDocumentById(documentId))?.status, { timeout: 30_000 }).toBe("posted");
  expect(await listPayablesForDocument(documentId)).toEqual([
    expect.objectContaining({ totalMinor: 1_200_000, currency: "USD" }),
  ]);
  await page.reload();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("chose approve");
});

test("a reviewer asks the vendor, then corrects fields on the task page, and the decision records what changed", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(60_000);
  await signInAs("operator");
  const number = documentNumber("INV-EDIT");
  const documentId = await uploadUntilTask(page, `${number}.txt`, invoice(number, "1,552.08"));
  const [task] = await listTasksForDocument(documentId);
  if (!task) throw new Error("no task");

  const reviewer = await makeUser({ role: "admin", approvalLimitMinor: 100_000_000, approvalCurrency: "USD" });
  const { page: reviewing, context } = await LoginPage.inNewContext(browser, reviewer);
  // From the inbox: move to the task with j, open it for editing with e.
  await reviewing.goto(`/inbox?type=${task.type}&sort=newest`);
  await moveToTask(reviewing, task.title);
  await reviewing.keyboard.press("e");
  await expect(reviewing).toHaveURL(new RegExp(`/inbox/${task.id}\\?edit=1$`));
  await expect(reviewing.getByLabel("Document type")).toBeFocused();
  // The evidence of the total is marked in the document's text.
  await expect(
    reviewing.getByRole("region", { name: "Document" }).locator('mark[data-field="totalMinor"]'),
  ).toContainText("1,552.08");
  // First a question to the vendor, from the drafted message; the task stays open.
  await reviewing.getByRole("button", { name: "Ask the vendor…" }).click();
  const ask = reviewing.getByRole("dialog", { name: "Ask the vendor" });
  await expect(ask.getByLabel("Message")).toHaveValue(/need your help before we can go ahead/);
  await ask.getByLabel("To").fill("billing@acme.example");
  await ask.getByRole("button", { name: "Send" }).click();
  await expect(reviewing.getByRole("region", { name: "Questions to the vendor" })).toContainText(
    `billing@acme.example: “Question about your invoice ${number}”`,
  );
  expect((await getTaskById(task.id))?.status).toBe("open");

  await reviewing.locator("body").click({ position: { x: 5, y: 5 } });
  await reviewing.keyboard.press("e");
  await expect(reviewing.getByLabel("Document type")).toBeFocused();
  await reviewing.getByLabel("Total", { exact: true }).fill("1,525.08");
  await expect(reviewing.getByText("Was “1552.08”.")).toBeVisible();
  await reviewing.getByLabel("Due date").fill("next week");
  await reviewing.getByRole("button", { name: "Save 2 correction(s) and approve" }).click();
  await expect(reviewing.getByText("Type a date as YYYY-MM-DD, such as 2026-03-31.").first()).toBeVisible();
  await reviewing.getByLabel("Due date").fill("2025-04-03");
  await reviewing.getByRole("button", { name: "Save 2 correction(s) and approve" }).click();
  await expect(reviewing).toHaveURL(/\/inbox$/);

  const decided = await getTaskById(task.id);
  expect(decided).toMatchObject({ status: "resolved", action: "edit_and_approve", resolvedBy: reviewer.id });
  expect((decided?.parameters as { changes: unknown[] }).changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ field: "totalMinor", proposed: 155_208, decided: 152_508 }),
      expect.objectContaining({ field: "dueDate", proposed: null, decided: "2025-04-03" }),
    ]),
  );
  await context.close();
});

test("an approver over their limit sees Approve disabled with the reason, and forcing the call is refused", async ({
  page,
  signInAs,
}) => {
  await signInAs("approver"); // the factory's approvers have a limit of €0.00
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 1_240_000 });
  await page.goto(`/inbox/${task.id}`);
  const approve = page.getByRole("button", { name: "Approve" });
  await expect(approve).toBeDisabled();
  await expect(page.getByText("€12,400.00 is over your approval limit of €0.00.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reject" })).toBeEnabled();

  // Call the server action directly with this session, as anyone with devtools could: it still says no.
  const response = await page.request.post(`/inbox/${task.id}`, {
    headers: {
      "Next-Action": actionId("app/(app)/inbox/actions.ts", "decideTask"),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: JSON.stringify([{ taskId: task.id, action: "approve" }]),
  });
  const body = await response.text();
  expect(body).toContain('"code":"forbidden:task"');
  expect(body).toContain("over your approval limit");
  expect((await getTaskById(task.id))?.status).toBe("open");
});

test("a second decision on the same task is told it was already decided", async ({ page, browser }) => {
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 100_000 });
  const first = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const second = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const { page: firstLoginPage, context } = await LoginPage.inNewContext(browser, first);
  await firstLoginPage.goto(`/inbox/${task.id}`);
  await new LoginPage(page).signInAs(second);
  await page.goto(`/inbox/${task.id}`);

  await firstLoginPage.getByRole("button", { name: "Approve" }).click();
  await expect(firstLoginPage).toHaveURL(/\/inbox$/);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already decided (approve)" })).toBeVisible();
  expect(await getTaskById(task.id)).toMatchObject({ status: "resolved", resolvedBy: first.id });
  await context.close();
});

test("an operator cannot open an approver's task: the same 404 as a task that does not exist", async ({
  page,
  signInAs,
}) => {
  await signInAs("operator");
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 1_000 });
  const response = await page.goto(`/inbox/${task.id}`);
  expect(response?.status()).toBe(404);
  const missing = await page.goto("/inbox/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: task.title })).toHaveCount(0);
});

test("an approver works the inbox from the keyboard: j/k to move, a to approve, r to reject with a reason", async ({
  page,
}) => {
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const first = await makeTask({ type: "CONFIRM_PRICE_CHANGE", amountMinor: 20_000 });
  const second = await makeTask({ type: "CONFIRM_PRICE_CHANGE", amountMinor: 30_000 });
  await new LoginPage(page).signInAs(approver);
  await page.goto("/inbox?type=CONFIRM_PRICE_CHANGE");
  const rows = page.getByRole("table", { name: "Tasks" }).getByRole("row");
  await expect(rows).toHaveCount(3);

  await page.keyboard.press("j");
  await expect(rows.nth(2)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("a");
  await confirmSpend(page, first.task.title);
  await expect(page.getByText(`Approved: ${first.task.title}`, { exact: true })).toBeVisible();
  await expect.poll(async () => (await getTaskById(first.task.id))?.status).toBe("resolved");

  await expect(rows).toHaveCount(2);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Reject this task" });
  await dialog.getByLabel("Reason").fill("Price increase was not agreed");
  await dialog.getByLabel("Reason").press("Enter");
  await expect(page.getByText(`Rejected: ${second.task.title}`, { exact: true })).toBeVisible();
  expect(await getTaskById(second.task.id)).toMatchObject({
    status: "resolved",
    action: "reject",
    parameters: { reason: "Price increase was not agreed" },
  });
});

test("a claimed task is held for its claimer; others see who holds it and cannot decide it", async ({
  page,
  browser,
}) => {
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 5_000 });
  const holder = await makeUser({
    role: "approver",
    approvalLimitMinor: 10_000_000,
    name: `Holder ${task.id.slice(0, 4)}`,
  });
  const other = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const { page: holderLoginPage, context } = await LoginPage.inNewContext(browser, holder);
  await holderLoginPage.goto(`/inbox/${task.id}`);
  await holderLoginPage.getByRole("button", { name: "Claim" }).click();
  await expect(holderLoginPage.getByText("You have claimed this task.")).toBeVisible();
  await context.close();

  await new LoginPage(page).signInAs(other);
  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByText(`Claimed by ${holder.name}.`)).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `${holder.name} has claimed this task` })).toBeVisible();
  expect(await getTaskById(task.id)).toMatchObject({ status: "open", assigneeId: holder.id });
});

test("four eyes: spend above the threshold needs a second, different approver", async ({ page, browser }) => {
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 2_500_000 });
  const first = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const second = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const { page: firstLoginPage, context } = await LoginPage.inNewContext(browser, first);
  await firstLoginPage.goto(`/inbox/${task.id}`);
  await expect(
    firstLoginPage.getByText("Four eyes: 2 different approvers must approve this amount. Approved so far: 0."),
  ).toBeVisible();
  await firstLoginPage.getByRole("button", { name: "Approve" }).click();
  await expect(firstLoginPage.getByText("Approved so far: 1.")).toBeVisible();
  await expect(firstLoginPage.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(firstLoginPage.getByText("You have approved; a second approver must confirm.")).toBeVisible();
  expect((await getTaskById(task.id))?.status).toBe("open");
  await context.close();

  await new LoginPage(page).signInAs(second);
  await page.goto(`/inbox/${task.id}`);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  expect(await getTaskById(task.id)).toMatchObject({
    status: "resolved",
    action: "approve",
    resolvedBy: second.id,
    parameters: { approvers: [first.id, second.id] },
  });
});
