import { expect, test } from "../fixtures";
import { LoginPage } from "../pages/login-page";
import { firstAdmin } from "./first-admin";

const pages = [
  "/inbox",
  "/documents",
  "/tickets",
  "/tickets/new",
  "/exceptions",
  "/monitor",
  "/runs",
  "/audit",
  "/settings",
  "/settings/users",
  "/settings/vendors",
  "/settings/exchange-rates",
  "/settings/operations",
  "/settings/alerts",
  "/settings/mailbox",
  "/settings/api-keys",
];

test("every page the first admin can reach opens on a deployment's configuration alone", async ({ page }) => {
  await new LoginPage(page).signInAs(firstAdmin());
  const failed: string[] = [];
  for (const path of pages) {
    const response = await page.goto(path);
    const broken = await page.getByRole("heading", { name: "Something went wrong on our side" }).count();
    if (response?.status() !== 200 || broken > 0) failed.push(`${path}: HTTP ${String(response?.status())}`);
  }
  expect(failed).toEqual([]);
  // The engine keeps its state in a database of its own, as Inngest Cloud does: Runs points to Inngest instead.
  await page.goto("/runs");
  await expect(page.getByText("Keel's workflows run on an external Inngest here")).toBeVisible();
});
