import type { Page } from "@playwright/test";
import { expect } from "../fixtures";

/** In the inbox's task table, moves the selection to the task with this title using j, as a person would. */
export async function moveToTask(page: Page, title: string): Promise<void> {
  const rows = page.getByRole("table", { name: "Tasks" }).getByRole("row");
  await expect(rows.filter({ hasText: title })).toHaveCount(1);
  const index = (await rows.allInnerTexts()).findIndex((t) => t.includes(title)) - 1;
  for (let i = 0; i < index; i++) await page.keyboard.press("j");
  await expect(rows.nth(index + 1)).toHaveAttribute("aria-selected", "true");
}

/** After `a` on a spending task: the confirmation names the task, and Enter approves. */
export async function confirmSpend(page: Page, title: string): Promise<void> {
  const dialog = page.getByRole("dialog", { name: "Approve this spend?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(title)).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
}
