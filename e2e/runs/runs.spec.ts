import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures";
import { uploadUntilTask } from "../support/upload";

test("an admin finds a document's run under Runs and follows it to the document", async ({ page, signInAs }) => {
  await signInAs("admin");
  const filename = `runs-${randomBytes(3).toString("hex")}.txt`;
  const documentId = await uploadUntilTask(page, filename, "INVOICE\nInvoice #: R-1\nTotal: 10.00 EUR\n");

  await page.goto("/runs");
  const row = page.getByRole("row", { name: new RegExp(filename) });
  await expect(row).toContainText("keel-process-document");
  await row.getByRole("link", { name: filename }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${documentId}$`));
  await expect(page.getByRole("heading", { name: filename })).toBeVisible();
});

test("the crons' runs that found nothing to do are hidden until asked for", async ({ page, signInAs }) => {
  // Without SMTP_URL every delivery run finds nothing to send; the first may still be a minute away when this starts.
  test.setTimeout(150_000);
  await signInAs("admin");
  await page.goto("/runs?status=Completed");
  await expect(page.getByText("Hiding runs of scheduled jobs that found nothing to do.")).toBeVisible();
  await page.getByRole("link", { name: "Show idle runs" }).click();
  await expect(page).toHaveURL(/idle=show/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: /keel-deliver-emails/ }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 120_000 });

  await page.getByRole("link", { name: "Hide idle runs" }).click();
  await expect(page.getByRole("row", { name: /keel-deliver-emails/ })).toHaveCount(0);
});

test("a completed run whose function returned nothing is listed: a failed document's failure handler", async ({
  page,
  signInAs,
}) => {
  await signInAs("admin");
  await page.goto("/documents");
  const name = `runs-broken-${randomBytes(3).toString("hex")}.pdf`;
  // A PDF header and nothing a PDF reader can parse: the document fails for good, and its failure handler runs.
  await page.getByLabel("Choose files to upload").setInputFiles({
    name,
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(4096)]),
  });
  await page.getByRole("link", { name: "Uploaded — follow it" }).click();
  await expect(page.getByText("Failed", { exact: true })).toBeVisible({ timeout: 30_000 });

  // Idle runs are hidden by default; a run with no output is not an idle one.
  await expect(async () => {
    await page.goto("/runs?status=Completed");
    await expect(page.getByText("Hiding runs of scheduled jobs that found nothing to do.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Completed" })).toHaveAttribute("aria-current", /.+/);
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("keel-process-document-failure", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
});
