import { getDocumentById, getDocumentBytes } from "@/db/queries/documents";
import { listPayablesForDocument } from "@/db/queries/ledger";
import { getTaskById, listTasksForDocument } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { originalKey } from "@/services/documents/originals";
import { s3Store } from "@/services/storage/s3-store";
import { LoginPage } from "../pages/login-page";
import { startedBucket } from "./bucket";
import { firstAdmin } from "./first-admin";
import { invoiceFromVendorOnFile, uploadThroughBucket } from "./documents";

test("the first admin uploads a clean invoice PDF through the bucket, and it is posted without anyone deciding", async ({
  page,
}) => {
  await new LoginPage(page).signInAs(firstAdmin());
  const file = await invoiceFromVendorOnFile();
  const { documentId, putOrigins } = await uploadThroughBucket(page, file);
  expect(putOrigins).toEqual([process.env.KEEL_E2E_BUCKET_ORIGIN]);

  await expect(page.getByText("Posted", { exact: true })).toBeVisible({ timeout: 60_000 });
  expect(await getDocumentById(documentId)).toMatchObject({ status: "posted", route: { kind: "auto_post" } });
  expect((await listTasksForDocument(documentId)).filter((t) => t.type !== "QA_REVIEW")).toEqual([]);
  expect(await listPayablesForDocument(documentId)).toEqual([expect.objectContaining({ currency: "USD" })]);

  // The original lives in the bucket only, and Keel serves and renders it from there.
  const document = await getDocumentById(documentId);
  if (!document) throw new Error("unreachable");
  expect(await getDocumentBytes(documentId)).toBeUndefined();
  expect(await s3Store(startedBucket()).get(originalKey(document.sha256))).toEqual(file.buffer);
  const download = await page.request.get(`/api/documents/${documentId}/original?download`);
  expect(Buffer.from(await download.body())).toEqual(file.buffer);
  const rendered = page.getByRole("img", { name: `Page 1 of ${file.name}` });
  await expect
    .poll(() => rendered.evaluate((image: HTMLImageElement) => (image.complete ? image.naturalWidth : 0)))
    .toBeGreaterThan(0);
});

test("an operator's invoice over the auto-post limit waits for the admin, who approves it from the inbox, and it is posted", async ({
  page,
  browser,
  signInAs,
}) => {
  await signInAs("operator");
  // $6,200.00 before tax: above the $5,000 a document may post by itself, below the four-eyes threshold.
  const lines = [{ sku: "HB-7000", description: "Winch drum assembly", qty: 4, unit: 155_000 }];
  const { documentId, putOrigins } = await uploadThroughBucket(page, await invoiceFromVendorOnFile(lines));
  expect(putOrigins).toEqual([process.env.KEEL_E2E_BUCKET_ORIGIN]);
  await expect(page.getByRole("region", { name: "Tasks" })).toBeVisible({ timeout: 60_000 });
  const [task] = await listTasksForDocument(documentId);
  expect(task).toMatchObject({ type: "APPROVE_SPEND", status: "open" });
  if (!task) throw new Error("unreachable");

  const { page: inbox, context } = await LoginPage.inNewContext(browser, firstAdmin());
  await inbox.getByRole("table", { name: "Tasks" }).getByRole("link", { name: task.title }).click();
  await expect(inbox).toHaveURL(new RegExp(`/inbox/${task.id}$`));
  await inbox.getByRole("button", { name: "Approve", exact: true }).click();
  await expect.poll(async () => (await getTaskById(task.id))?.status).toBe("resolved");
  await context.close();

  await expect.poll(async () => (await getDocumentById(documentId))?.status, { timeout: 60_000 }).toBe("posted");
  // The page follows a run only while nobody is being asked; once a task opened, the operator reloads.
  await page.reload();
  await expect(page.getByText("Posted", { exact: true })).toBeVisible();
  expect(await listPayablesForDocument(documentId)).toEqual([
    expect.objectContaining({ totalMinor: 671_150, currency: "USD" }),
  ]);
});
