import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { createDocument } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { uploadUntilTask } from "../support/upload";

const phone = { width: 390, height: 844 };

/** Whether the page, once loaded, is no wider than the screen: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main")).toHaveCount(1);
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), { message: path })
    .toBe(true);
}

test("every main page fits a 390 px screen without scrolling sideways", async ({ page, signInAs }) => {
  test.setTimeout(120_000);
  await signInAs("admin");
  // A long name with no spaces: the kind that used to push a table wider than the screen.
  const filename = `responsive-${randomBytes(3).toString("hex")}-${"very-long-supplier-scan-name".repeat(3)}.txt`;
  const documentId = await uploadUntilTask(
    page,
    filename,
    "INVOICE\nInvoice #: RESP-1\nSeller: Responsive Supplies GmbH\nTotal: 1,234.00 EUR\n",
  );
  const [task] = await listTasksForDocument(documentId);
  if (!task) throw new Error("the upload opened no task");

  await page.setViewportSize(phone);
  await page.goto("/runs");
  const runLink = page
    .getByRole("row", { name: new RegExp(filename) })
    .first()
    .getByRole("link")
    .first();
  await expect(runLink).toBeVisible();
  const runPath = new URL((await runLink.getAttribute("href")) ?? "/runs", page.url()).pathname;

  for (const path of [
    "/inbox",
    `/inbox/${task.id}`,
    "/documents",
    `/documents/${documentId}`,
    "/tickets",
    "/tickets/new",
    "/exceptions",
    "/monitor",
    "/audit",
    "/runs",
    runPath,
    "/settings",
    "/settings/users",
    "/settings/vendors",
    "/settings/api-keys",
    "/settings/exchange-rates",
    "/settings/mailbox",
    "/settings/operations",
    "/settings/alerts",
  ]) {
    await expectNoSidewaysScroll(page, path);
  }
});

test("the sign-in page fits a 390 px screen", async ({ page }) => {
  await page.setViewportSize(phone);
  await expectNoSidewaysScroll(page, "/login");
});

test("under 768 px the navigation is a drawer that opens from the menu button and closes with Escape", async ({
  page,
  signInAs,
}) => {
  await signInAs("approver");
  await page.setViewportSize(phone);
  await page.goto("/inbox");
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  await menu.click();
  const drawer = page.getByRole("dialog", { name: "Keel" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("link", { name: "Inbox" })).toHaveAttribute("aria-current", "page");

  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await drawer.getByRole("link", { name: "Documents" }).click();
  await expect(page).toHaveURL(/\/documents$/);
  await expect(drawer).toBeHidden();
});

test("from 768 px the sidebar folds away and comes back", async ({ page, signInAs }) => {
  await signInAs("approver");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/inbox");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  await page.getByRole("button", { name: "Hide menu" }).click();
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Show menu" }).click();
  await expect(nav.getByRole("link", { name: "Inbox" })).toBeVisible();
});

test("a skip link is the first thing the keyboard reaches and moves focus to the page's content", async ({
  page,
  signInAs,
}) => {
  await signInAs("approver");
  await page.goto("/documents");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("at 1280 px a very long file name leaves Status, Vendor and Total on screen", async ({ page, signInAs }) => {
  const tag = randomBytes(3).toString("hex");
  const { document: stored } = await createDocument(
    {
      bytes: Buffer.from(`long name ${tag}`),
      filename: `long-${tag}-${"scanned-invoice-from-a-supplier-with-a-long-name".repeat(4)}.txt`,
      kind: "text",
      mediaType: "text/plain",
      source: "upload",
      uploadedBy: null,
    },
    { id: null, label: "e2e" },
  );
  await signInAs("operator");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/documents?q=long-${tag}`);
  const table = page.getByRole("table", { name: "Documents" });
  await expect(table.getByRole("link", { name: stored.filename })).toBeVisible();
  for (const column of ["Status", "Vendor", "Total"]) {
    const box = await table.getByRole("columnheader", { name: column }).boundingBox();
    expect(box && box.x + box.width, column).toBeLessThanOrEqual(1280);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
