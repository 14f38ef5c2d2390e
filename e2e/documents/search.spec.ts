import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/index";
import { createDocument } from "@/db/queries/documents";
import { documents, type NewDocument } from "@/db/schema";
import { expect, test } from "../fixtures";

/** A stored document as a finished run would leave it, without running one. */
async function storedDocument(filename: string, fields: Partial<NewDocument>) {
  const { document } = await createDocument(
    {
      bytes: Buffer.from(`search ${filename} ${randomBytes(4).toString("hex")}`),
      filename,
      kind: "text",
      mediaType: "text/plain",
      source: "upload",
      uploadedBy: null,
    },
    { id: null, label: "e2e" },
  );
  await db().update(documents).set(fields).where(eq(documents.id, document.id));
  return document;
}

test("an operator finds documents by words in their name or number and narrows them by status", async ({
  page,
  signInAs,
}) => {
  const tag = randomBytes(3).toString("hex");
  const failed = await storedDocument(`search-${tag}-scan.txt`, { status: "failed" });
  const posted = await storedDocument(`search-${tag}-april.txt`, { status: "posted" });
  const numbered = await storedDocument(`unrelated-${tag}.txt`, { status: "posted", documentNumber: `NUM-${tag}` });
  await signInAs("operator");
  await page.goto("/documents");
  const filters = page.getByRole("form", { name: "Filters" });
  const rows = page.getByRole("table", { name: "Documents" }).locator("tbody tr");

  await filters.getByLabel("Search").fill(`search-${tag}`);
  await filters.getByLabel("Search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=search-${tag}`));
  await expect(rows).toHaveCount(2);
  await expect(rows.getByRole("link", { name: failed.filename })).toBeVisible();
  await expect(rows.getByRole("link", { name: posted.filename })).toBeVisible();

  // A status applies as soon as it is chosen, and the search stays.
  await filters.getByLabel("Status").selectOption("posted");
  await expect(page).toHaveURL(/status=posted/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(posted.filename);

  await filters.getByLabel("Search").fill(`num-${tag}`);
  await filters.getByLabel("Search").press("Enter");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(numbered.filename);

  await filters.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/documents$/);
  await expect(filters.getByLabel("Search")).toHaveValue("");
});

test("a search that matches nothing says so", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.goto(`/documents?q=${randomBytes(6).toString("hex")}`);
  await expect(page.getByText("No document matches these filters.")).toBeVisible();
});
