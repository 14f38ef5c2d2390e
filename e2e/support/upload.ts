import type { Page } from "@playwright/test";
import { expect } from "../fixtures";

/** Uploads a text document as the signed-in user and follows it until the run asks for a person; returns its id. */
export async function uploadUntilTask(page: Page, filename: string, text: string): Promise<string> {
  await page.goto("/documents");
  await page
    .getByLabel("Choose files to upload")
    .setInputFiles({ name: filename, mimeType: "text/plain", buffer: Buffer.from(text) });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();
  await expect(page.getByRole("region", { name: "Tasks" })).toBeVisible({ timeout: 30_000 });
  return page.url().split("/").pop() ?? "";
}
