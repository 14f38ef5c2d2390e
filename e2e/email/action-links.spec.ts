import { issueActionTokens } from "@/db/queries/action-tokens";
import { listAuditForSubject } from "@/db/queries/audit";
import { getTaskById, listTaskApprovers } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

test("an emailed link: a scanner's GET changes nothing, the confirmation acts once, a replay is refused", async ({
  page,
  request,
}) => {
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 45_000 });
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 1_000_000 });
  const { approve } = await issueActionTokens(task.id, approver.id, ["approve", "reject"], task.deadlineAt);

  // What a mail scanner or link preview does: fetch the page, follow nothing, submit nothing.
  const scanned = await request.get(`/t/${approve ?? ""}`);
  expect(scanned.status()).toBe(200);
  expect(await scanned.text()).toContain(task.title);
  expect((await getTaskById(task.id))?.status).toBe("open");

  await page.goto(`/t/${approve ?? ""}`);
  await expect(page.getByRole("heading", { name: `Approve: ${task.title}` })).toBeVisible();
  await expect(page.getByText(`As ${approver.name}`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm: approve" }).click();
  await expect(page.getByRole("status")).toHaveText("Approved. Thank you.");
  expect(await getTaskById(task.id)).toMatchObject({ status: "resolved", action: "approve", resolvedBy: approver.id });

  await page.goto(`/t/${approve ?? ""}`);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already used");
});

test("a made-up link gets a clear page and no detail", async ({ page }) => {
  await page.goto("/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not valid");
});

test("an admin who uploaded a document and opens an approver's link is refused, audited, and nothing is decided", async ({
  page,
}) => {
  const admin = await makeUser({ role: "admin", approvalLimitMinor: 10_000_000 });
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 1_000_000 });
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 649_999, uploadedBy: admin.id });
  const { approve } = await issueActionTokens(task.id, approver.id, ["approve"], task.deadlineAt);

  await new LoginPage(page).signInAs(admin);
  await page.goto(`/t/${approve ?? ""}`);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    `This link was sent to ${approver.name} and acts only for them.`,
  );
  await expect(page.getByRole("button", { name: "Confirm: approve" })).toHaveCount(0);
  expect(await getTaskById(task.id)).toMatchObject({ status: "open", resolvedBy: null });
  expect(await listTaskApprovers(task.id)).toEqual([]);
  const refusals = (await listAuditForSubject("task", task.id)).filter(
    (e) => e.action === "task_link.refused" && e.actorId === admin.id,
  );
  expect(refusals.map((e) => e.after)).toEqual([{ reason: "view:not_recipient", recipientId: approver.id }]);
});
