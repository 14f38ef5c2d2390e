import { randomBytes } from "node:crypto";
import { getDocumentById } from "@/db/queries/documents";
import { listPayablesForDocument } from "@/db/queries/ledger";
import { getTaskById, listTasksForDocument } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { actionId } from "../support/actions";

const invoice = (number: string) =>
  ["Acme Industrial Supply, Inc.", "INVOICE", `Invoice #: ${number}`, "Invoice Date: 03/04/2025", "Subtotal: $510.00", "Sales Tax (8.25%): $42.08", "Total Due: $552.08"].join("\n");

test("an uploaded document's task is worked from the inbox, and the run posts it", async ({ page, signInAs, browser }) => {
  await signInAs("operator");
  await page.goto("/documents");
  const number = `INV-INBOX-${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Choose files to upload").setInputFiles({ name: `${number}.txt`, mimeType: "text/plain", buffer: Buffer.from(invoice(number)) });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();
  await expect(page.getByRole("region", { name: "Tasks" })).toBeVisible({ timeout: 30_000 });
  const documentId = page.url().split("/").pop() ?? "";
  const [task] = await listTasksForDocument(documentId);
  expect(task?.type).toBeDefined();

  // Someone allowed to decide it, who did not upload it.
  const reviewer = await makeUser({ role: "admin", approvalLimitMinor: 100_000_000 });
  const { page: inbox, context } = await LoginPage.inNewContext(browser, reviewer);
  await inbox.getByRole("link", { name: task?.title ?? "" }).click();
  await inbox.getByRole("button", { name: "Approve" }).click();
  await expect(inbox).toHaveURL(/\/inbox$/);
  await context.close();

  expect(await getTaskById(task?.id ?? "")).toMatchObject({ status: "resolved", action: "approve", resolvedBy: reviewer.id });
  await expect.poll(async () => (await getDocumentById(documentId))?.status, { timeout: 30_000 }).toBe("posted");
  expect(await listPayablesForDocument(documentId)).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("chose approve");
});

test("an approver over their limit sees Approve disabled with the reason, and forcing the call is refused", async ({ page, signInAs }) => {
  await signInAs("approver"); // the factory's approvers have a limit of €0.00
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 1_240_000 });
  await page.goto(`/inbox/${task.id}`);
  const approve = page.getByRole("button", { name: "Approve" });
  await expect(approve).toBeDisabled();
  await expect(page.getByText("€12,400.00 is over your approval limit of €0.00.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reject" })).toBeEnabled();

  // Call the server action directly with this session, as anyone with devtools could: it still says no.
  const response = await page.request.post(`/inbox/${task.id}`, {
    headers: { "Next-Action": actionId("app/(app)/inbox/actions.ts", "decideTask"), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
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

test("an operator cannot open an approver's task: the same 404 as a task that does not exist", async ({ page, signInAs }) => {
  await signInAs("operator");
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 1_000 });
  const response = await page.goto(`/inbox/${task.id}`);
  expect(response?.status()).toBe(404);
  const missing = await page.goto("/inbox/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: task.title })).toHaveCount(0);
});

test("an approver works the inbox from the keyboard: j/k to move, a to approve, r to reject with a reason", async ({ page }) => {
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
  await expect(page.getByText(`Approved: ${first.task.title}`, { exact: true })).toBeVisible();
  await expect.poll(async () => (await getTaskById(first.task.id))?.status).toBe("resolved");

  await expect(rows).toHaveCount(2);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Reject this task" });
  await dialog.getByLabel("Reason").fill("Price increase was not agreed");
  await dialog.getByLabel("Reason").press("Enter");
  await expect(page.getByText(`Rejected: ${second.task.title}`, { exact: true })).toBeVisible();
  expect(await getTaskById(second.task.id)).toMatchObject({ status: "resolved", action: "reject", parameters: { reason: "Price increase was not agreed" } });
});

test("a claimed task is held for its claimer; others see who holds it and cannot decide it", async ({ page, browser }) => {
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 5_000 });
  const holder = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000, name: `Holder ${task.id.slice(0, 4)}` });
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
  await expect(firstLoginPage.getByText("Four eyes: 2 different approvers must approve this amount. Approved so far: 0.")).toBeVisible();
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
  expect(await getTaskById(task.id)).toMatchObject({ status: "resolved", action: "approve", resolvedBy: second.id, parameters: { approvers: [first.id, second.id] } });
});
