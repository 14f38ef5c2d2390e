import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

test("signing in from a task's link lands on that task", async ({ page }) => {
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 12_300 });
  const approver = await makeUser({ role: "approver" });

  await page.goto(`/inbox/${task.id}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=%2Finbox%2F${task.id}$`));
  await new LoginPage(page).signIn(approver.email, approver.password);

  await expect(page).toHaveURL(new RegExp(`/inbox/${task.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(task.title);
});

test("a link to another site is not followed after sign-in", async ({ page }) => {
  const approver = await makeUser({ role: "approver" });
  await page.goto("/login?callbackUrl=%2F%2Fevil.example%2F");
  await new LoginPage(page).signIn(approver.email, approver.password);
  await expect(page).toHaveURL(/\/inbox$/);
});
