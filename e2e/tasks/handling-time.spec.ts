import { getTaskById } from "@/db/queries/tasks";
import { listTaskHandling } from "@/db/queries/task-handling";
import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";

const handledBy = async (taskId: string, userId: string) =>
  (await listTaskHandling(taskId)).find((row) => row.userId === userId)?.focusedMs ?? 0;

test("handling time grows while an approver keeps a task page open and in use, and stops at the decision", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(150_000);
  const approver = await signInAs("approver");
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 12_300 });
  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByRole("heading", { name: task.title })).toBeVisible();
  await page.bringToFront();

  // The page reports what it counted every 15 s; the person moves the pointer now and then, as someone reading does.
  let first = 0;
  await expect
    .poll(
      async () => {
        await page.mouse.move(200 + Math.random() * 100, 300);
        first = await handledBy(task.id, approver.id);
        return first;
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBeGreaterThan(5_000);
  await expect
    .poll(
      async () => {
        await page.mouse.move(200 + Math.random() * 100, 320);
        return handledBy(task.id, approver.id);
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBeGreaterThan(first + 5_000);

  // Nobody else worked it.
  expect((await listTaskHandling(task.id)).map((row) => row.userId)).toEqual([approver.id]);

  // The decision sends what was counted first; once decided, the task takes no more time.
  await page.getByLabel("Reason for rejecting").fill("Not ours: wrong company on the invoice");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect.poll(async () => (await getTaskById(task.id))?.status).toBe("resolved");
  const atDecision = await handledBy(task.id, approver.id);
  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByRole("heading", { name: "Decision record" })).toBeVisible();
  await page.mouse.move(100, 100);
  // Showing that nothing more is counted needs a moment of the closed task's page in use.
  await page.waitForTimeout(3_000);
  await page.mouse.move(150, 150);
  expect(await handledBy(task.id, approver.id)).toBe(atDecision);
});
