import { getLatestExtraction } from "@/db/queries/documents";
import { getTaskById } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { documentNumber, misprintedLineInvoiceText } from "../factories/invoices";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { nextStep } from "../support/tasks";
import { uploadUntilTask } from "../support/upload";

test("an operator corrects a misprinted line in the grid: the live check clears, and the document's subtotal finding is gone after approval", async ({
  page,
  browser,
  signInAs,
}) => {
  test.setTimeout(90_000);
  await signInAs("operator");
  const number = documentNumber("INV-LINES");
  const documentId = await uploadUntilTask(
    page,
    `${number}.txt`,
    misprintedLineInvoiceText({ number, seller: "Hosebarn Industrial Supply, Inc." }),
  );

  const review = await nextStep(documentId);
  if (review === "posted") throw new Error("the misprinted line must ask for a review");
  expect(review.type).toBe("REVIEW_EXTRACTION");
  const read = await getLatestExtraction(documentId);
  expect(read?.findings?.map((f) => f.rule)).toContain("subtotal-mismatch");

  const reviewer = await makeUser({ role: "operator" });
  const { page: work } = await LoginPage.inNewContext(browser, reviewer);
  await work.goto(`/inbox/${review.id}`);
  // `n` goes to a field that needs a look; Enter accepts it and moves on.
  const fields = work.getByRole("region", { name: "Fields" });
  await expect(fields).toBeVisible();
  await work.locator("body").click({ position: { x: 5, y: 5 } });
  await work.keyboard.press("n");
  await expect(fields.locator(":focus")).toHaveCount(1);
  await work.keyboard.press("Enter");
  await expect(fields.getByText(/^Accepted/).first()).toBeVisible();
  await expect(fields.locator(":focus")).toHaveCount(1);
  const grid = work.getByRole("region", { name: "Line items" });
  const check = grid.getByRole("status", { name: "Arithmetic check" });
  await expect(check).toContainText("The lines add up to US$519.00, but the subtotal reads US$600.00");
  await expect(grid.getByLabel("Line 2 unit price")).toHaveValue("3.00");

  await grid.getByLabel("Line 2 unit price").fill("30.00");
  await grid.getByLabel("Line 2 amount").fill("90.00");
  await expect(check).toContainText("The arithmetic holds");

  await work.getByRole("button", { name: "Save 2 correction(s) and approve" }).click();
  await expect(work).toHaveURL(/\/inbox$/);
  await expect.poll(async () => (await getTaskById(review.id))?.status).toBe("resolved");
  expect((await getTaskById(review.id))?.decided?.lines?.[1]).toMatchObject({
    unitPriceMinor: 3000,
    amountMinor: 9000,
  });

  // The run checks the corrected lines again; the document page then shows no subtotal finding.
  await expect
    .poll(async () => {
      const latest = await getLatestExtraction(documentId);
      return latest && latest.id !== read?.id && latest.findings ? latest.findings.map((f) => f.rule) : null;
    })
    .not.toBeNull();
  expect((await getLatestExtraction(documentId))?.findings?.map((f) => f.rule)).not.toContain("subtotal-mismatch");
  await work.goto(`/documents/${documentId}`);
  await expect(work.getByRole("region", { name: "Checks" })).toBeVisible();
  await expect(work.getByRole("region", { name: "Checks" })).not.toContainText("but the subtotal reads");
  // Whoever looks next sees who typed the line's values and what they read before, not a machine's 100 %.
  const lineTable = work.getByRole("table", { name: "Line items" });
  await expect(lineTable).toContainText(`Edited by ${reviewer.name} — was US$3.00`);
  await expect(lineTable).toContainText(`Edited by ${reviewer.name} — was US$9.00`);
});
