import { readFile } from "node:fs/promises";
import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

test("an admin filters the audit log by action, opens the subject, and downloads the filtered entries as CSV", async ({
  page,
}) => {
  const { decide } = await import("@/services/tasks/decide");
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 77_700 });
  expect(await decide(approver, task.id, { action: "reject", reason: '=HYPERLINK("http://x")' })).toMatchObject({
    ok: true,
  });

  await new LoginPage(page).signInAs(await makeUser({ role: "admin" }));
  // The navigation offers it to admins; the page is then opened by its address, whichever layout shows the link.
  await expect(page.getByRole("link", { name: "Audit", exact: true }).first()).toBeVisible();
  await page.goto("/audit");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Actor").fill(approver.email);
  await filters.getByLabel("Action").fill("task.reject");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=task\.reject/);

  const rows = page.getByRole("table", { name: "Audit entries" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("task.reject");
  await expect(rows.nth(1)).toContainText(approver.email);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keel-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("id,at,actor,actor_id,action,subject_type,subject_id,correlation_id,before,after");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,${approver.email},${approver.id},task.reject,task,${task.id},${task.documentId},`);

  await rows.nth(1).getByRole("link", { name: task.id }).click();
  await expect(page).toHaveURL(new RegExp(`/inbox/${task.id}$`));
  await expect(page.getByRole("region", { name: "Decision record" })).toContainText("Rejected");
});

test("an unreadable filter is named on the page and refused by the export", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/audit?from=2026-02-31");
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Give the first day as a date, such as 2026-03-01.",
  );
  const response = await page.request.get("/api/audit?from=2026-02-31");
  expect(response.status()).toBe(422);
});

test("an approver gets 403 on Audit and on its export", async ({ page, signInAs }) => {
  await signInAs("approver");
  await expect(page.getByRole("link", { name: "Audit", exact: true })).toHaveCount(0);
  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  const exported = await page.request.get("/api/audit");
  expect(exported.status()).toBe(403);
});
