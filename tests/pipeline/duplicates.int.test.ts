import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { getDocumentById, getLatestExtraction, listDocumentEvents } from "@/db/queries/documents";
import { listEffectAttempts, listPayablesForDocument } from "@/db/queries/ledger";
import { listTasksForDocument } from "@/db/queries/tasks";
import { createVendor } from "@/db/queries/vendors";
import type { Document, Task, User } from "@/db/schema";
import type { Finding } from "@/domain/documents/types";
import { until } from "../engine/helpers";
import { appendByte, ocrNoise, reflow } from "../factories/invoice-copies";
import { makeUser } from "../factories/users";
import { withPipeline } from "./harness";

const pipeline = withPipeline();
const acme = fs.readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8").replace(/^ACH:.*$/m, "");

/** A seller of its own and an invoice of its own for each test, since the tests of this file share one database. */
function makeInvoice(quantity = 12 + Math.floor(Math.random() * 80)) {
  const id = randomBytes(3).toString("hex");
  const seller = `Acme ${id.toUpperCase()} Supply, Inc.`;
  const taxId = `74-${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;
  const number = `INV-2025-${id.toUpperCase()}`;
  const cents = (value: number) => `$${(value / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
  const lineOne = quantity * 4250;
  const subtotal = lineOne + 47700 + 57000;
  const total = subtotal + 12845;
  const text = acme
    .replaceAll("Acme Industrial Supply, Inc.", seller)
    .replace("74-2918834", taxId)
    .replace("INV-2025-00418", number)
    .replace(
      / {10}12 {9}\$42\.50 {10}\$510\.00/,
      `${String(quantity).padStart(12)}         $42.50 ${cents(lineOne).padStart(15)}`,
    )
    .replace("$1,557.00", cents(subtotal))
    .replace("$1,685.45", cents(total));
  return { text, seller, taxId, number, totalMinor: total };
}

async function receive(text: string, filename: string) {
  const { receiveDocument } = await import("@/services/documents/receive");
  return (
    await receiveDocument({
      bytes: new TextEncoder().encode(text),
      filename,
      source: "upload",
      actor: { id: null, label: "test" },
    })
  ).document;
}

async function putVendorOnFile(invoice: { seller: string; taxId: string }) {
  const created = await createVendor(
    { name: invoice.seller, aliases: [], taxId: invoice.taxId, currency: "USD" },
    { id: null, label: "test" },
  );
  if (!created.ok) throw new Error("vendor not created");
  return created.vendor;
}

/** An invoice from a vendor on file, approved and posted: the one every copy is compared with. */
async function postedInvoice(filename: string, quantity?: number) {
  const invoice = makeInvoice(quantity);
  await putVendorOnFile(invoice);
  const original = await receive(invoice.text, filename);
  expect(await approveEverything(original.id)).toBe("posted");
  return { invoice, original };
}

const finalStatuses: Document["status"][] = ["posted", "rejected", "failed"];

/** The next open task of the document, or its final status once its run has ended. */
function nextStep(documentId: string): Promise<Task | Document["status"]> {
  return until(
    `an open task or the end of ${documentId}`,
    async () => {
      const open = (await listTasksForDocument(documentId)).find((t) => t.status === "open");
      if (open) return open;
      const status = (await getDocumentById(documentId))?.status;
      return status && finalStatuses.includes(status) ? status : undefined;
    },
    30_000,
  );
}

async function firstOpenTask(documentId: string): Promise<Task> {
  const step = await nextStep(documentId);
  if (typeof step === "string") throw new Error(`${documentId} ended ${step} without asking anyone`);
  return step;
}

async function duplicateFindings(documentId: string): Promise<Finding[]> {
  const findings = (await getLatestExtraction(documentId))?.findings ?? [];
  return findings.filter((f) =>
    ["duplicate-invoice-number", "possible-duplicate-invoice", "duplicate-document-text"].includes(f.rule),
  );
}

const admins: User[] = [];
/** Admins in turn: a spend approval needs someone who took no other part in the document. */
async function deciders(): Promise<User[]> {
  while (admins.length < 3)
    admins.push(await makeUser({ role: "admin", approvalLimitMinor: 100_000_000, approvalCurrency: "USD" }));
  return admins;
}

/**
 * People approve every task of the document, a duplicate included (as someone who took it for another invoice
 * would), setting the vendor up from the invoice when asked; returns the document's final status.
 */
async function approveEverything(documentId: string): Promise<Document["status"]> {
  const { decide } = await import("@/services/tasks/decide");
  const { createVendorFromTask } = await import("@/services/tasks/new-vendor");
  for (;;) {
    const step = await nextStep(documentId);
    if (typeof step === "string") return step;
    const people = await deciders();
    if (step.type === "CONFIRM_NEW_VENDOR") {
      const fields = (await getLatestExtraction(documentId))?.extraction.fields;
      const created = await createVendorFromTask(people[0] as User, step.id, {
        ...Object.fromEntries(
          ["iban", "bic", "accountNumber", "sortCode", "accountName", "email", "aliases"].map((name) => [name, ""]),
        ),
        name: fields?.vendorName.value ?? "",
        taxId: fields?.vendorTaxId.value ?? "",
        currency: "USD",
      });
      expect(created, JSON.stringify(created)).toMatchObject({ ok: true });
    } else {
      for (const person of people) {
        const result = await decide(person, step.id, { action: "approve" });
        if (result.ok && result.data.resolved) break;
      }
    }
    await until(`task ${step.id} (${step.type}) to close`, async () =>
      (await listTasksForDocument(documentId)).find((t) => t.id === step.id)?.status !== "open" ? true : undefined,
    );
  }
}

async function reject(task: Task): Promise<void> {
  const { decide } = await import("@/services/tasks/decide");
  expect(
    await decide((await deciders())[0] as User, task.id, {
      action: "reject",
      reason: "The same invoice as one already received.",
    }),
  ).toMatchObject({ ok: true });
}

async function payableCount(...documentIds: string[]): Promise<number> {
  let count = 0;
  for (const id of documentIds) count += (await listPayablesForDocument(id)).length;
  return count;
}

/** The copy that reached the ledger after its twin ends rejected, its timeline naming the payable it repeats. */
async function expectRefusedByLedger(copyId: string, originalId: string): Promise<void> {
  const [payable] = await listPayablesForDocument(originalId);
  expect(payable).toBeDefined();
  const copy = await getDocumentById(copyId);
  expect(copy?.status).toBe("rejected");
  expect(copy?.errorMessage).toContain(`already payable ${payable?.id ?? "?"}`);
  expect((await listEffectAttempts(copyId)).map((a) => a.outcome)).toEqual(["refused"]);
  // The refusal and the rejection are recorded before the run's last step writes "Not posted": wait for that line.
  const labels = await until("the copy's timeline to say it was not posted", async () => {
    const seen = (await listDocumentEvents(copyId)).map((e) => e.label);
    return seen.some((label) => label.startsWith("Not posted:")) ? seen : undefined;
  });
  expect(labels).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Side effect refused: create_payable/),
      expect.stringMatching(/^Not posted: invoice/),
    ]),
  );
}

// Each case runs two or three documents through every decision; two cores shared by many tests make that slow.
describe("an invoice received twice with different bytes", { timeout: 180_000 }, () => {
  it("asks CONFIRM_DUPLICATE for a copy with one byte appended, and a rejected copy leaves one payable", async () => {
    pipeline();
    const { invoice, original } = await postedInvoice("original.txt");

    const copy = await receive(appendByte(invoice.text), "copy.txt");
    expect(copy.id).not.toBe(original.id);
    const task = await firstOpenTask(copy.id);
    expect(task.type).toBe("CONFIRM_DUPLICATE");
    const found = (await duplicateFindings(copy.id)).find((f) => f.details?.priorDocumentId === original.id);
    expect(found).toMatchObject({
      rule: "duplicate-invoice-number",
      details: { priorStatus: "posted", textSimilarity: 1 },
    });
    expect(found?.message).toContain("already posted as a payable");
    // What the task page puts side by side: both readings, and the payable the earlier one became.
    const { listComparedDocuments } = await import("@/db/queries/duplicate-comparison");
    const [mine, theirs] = await listComparedDocuments([copy.id, original.id]);
    const [payable] = await listPayablesForDocument(original.id);
    expect(mine).toMatchObject({ id: copy.id, filename: "copy.txt", status: "needs_review", payableId: null });
    expect(theirs).toMatchObject({
      id: original.id,
      status: "posted",
      payableId: payable?.id,
      vendorName: invoice.seller,
    });
    expect(theirs?.fields?.documentNumber.value).toBe(mine?.fields?.documentNumber.value);

    await reject(task);
    expect(await nextStep(copy.id)).toBe("rejected");
    expect(await payableCount(original.id, copy.id)).toBe(1);
  });

  it("catches a re-export with its layout reflowed and, approved anyway, the ledger refuses its payable", async () => {
    pipeline();
    const { invoice, original } = await postedInvoice("export-1.txt");

    const copy = await receive(reflow(invoice.text), "export-2.txt");
    expect((await firstOpenTask(copy.id)).type).toBe("CONFIRM_DUPLICATE");
    expect((await duplicateFindings(copy.id)).find((f) => f.details?.priorDocumentId === original.id)?.rule).toBe(
      "duplicate-invoice-number",
    );

    expect(await approveEverything(copy.id)).toBe("rejected");
    await expectRefusedByLedger(copy.id, original.id);
    expect(await payableCount(original.id, copy.id)).toBe(1);
  });

  it("catches a re-scan whose OCR misread characters, by its text when not by its fields", async () => {
    pipeline();
    const { invoice, original } = await postedInvoice("scan-1.txt");

    // OCR read the invoice number's I as l and its zeros as O, and noise elsewhere.
    const misread = invoice.number.replace("I", "l").replaceAll("0", "O");
    const rescan = ocrNoise(invoice.text, 30).replace(invoice.number, misread);
    const copy = await receive(rescan, "scan-2.txt");
    const task = await firstOpenTask(copy.id);
    expect(task.type).toBe("CONFIRM_DUPLICATE");
    expect((await getDocumentById(copy.id))?.documentNumber).toBe(misread);
    const found = (await duplicateFindings(copy.id)).find((f) => f.details?.priorDocumentId === original.id);
    // The number no longer matches; what the copy still shares is its seller and amount, and its text.
    expect(["possible-duplicate-invoice", "duplicate-document-text"]).toContain(found?.rule);
    expect(found?.details?.textSimilarity).toBeGreaterThanOrEqual(0.75);

    await reject(task);
    expect(await nextStep(copy.id)).toBe("rejected");
    expect(await payableCount(original.id, copy.id)).toBe(1);
  });

  it("asks about another file with the same seller and number, and never posts a second payable for it", async () => {
    pipeline();
    const { invoice, original } = await postedInvoice("first.txt", 20);

    const other = makeInvoice(31);
    const sameNumber = other.text
      .replace(other.number, invoice.number)
      .replace(other.seller, invoice.seller)
      .replace(other.taxId, invoice.taxId)
      .replace("03/04/2025", "03/20/2025");
    const copy = await receive(sameNumber, "second.txt");
    expect((await firstOpenTask(copy.id)).type).toBe("CONFIRM_DUPLICATE");
    const found = (await duplicateFindings(copy.id)).find((f) => f.details?.priorDocumentId === original.id);
    expect(found?.rule).toBe("duplicate-invoice-number");

    expect(await approveEverything(copy.id)).toBe("rejected");
    await expectRefusedByLedger(copy.id, original.id);
    expect(await payableCount(original.id, copy.id)).toBe(1);
  });

  it("catches copies before and after the vendor is on file, and only the first ever becomes a payable", async () => {
    pipeline();
    const invoice = makeInvoice();
    const first = await receive(invoice.text, "copy-1.txt");
    await firstOpenTask(first.id);

    // Before: nobody has put the seller on file, and the copy is still found by what both print.
    const second = await receive(appendByte(invoice.text), "copy-2.txt");
    expect((await firstOpenTask(second.id)).type).toBe("CONFIRM_DUPLICATE");
    const before = (await duplicateFindings(second.id)).find((f) => f.details?.priorDocumentId === first.id);
    expect(before?.rule).toBe("duplicate-invoice-number");
    expect(before?.details?.matchedBy).toEqual(expect.arrayContaining(["tax id"]));
    expect((await getDocumentById(second.id))?.vendorId).toBeNull();

    // The first copy sets the vendor up and is posted; the third arrives with the vendor on file.
    expect(await approveEverything(first.id)).toBe("posted");
    expect((await getDocumentById(first.id))?.vendorId).not.toBeNull();
    const third = await receive(reflow(invoice.text), "copy-3.txt");
    expect((await firstOpenTask(third.id)).type).toBe("CONFIRM_DUPLICATE");
    const after = await duplicateFindings(third.id);
    expect(after.map((f) => f.details?.priorDocumentId)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(after.find((f) => f.details?.priorDocumentId === first.id)?.details?.matchedBy).toEqual(
      expect.arrayContaining(["tax id"]),
    );
    expect((await getDocumentById(third.id))?.vendorId).toBe((await getDocumentById(first.id))?.vendorId);

    // People wave both copies through; the ledger still refuses each.
    expect(await approveEverything(second.id)).toBe("rejected");
    expect(await approveEverything(third.id)).toBe("rejected");
    await expectRefusedByLedger(second.id, first.id);
    await expectRefusedByLedger(third.id, first.id);
    expect(await payableCount(first.id, second.id, third.id)).toBe(1);
  });

  it("posts one payable when two copies race through approval to the ledger", async () => {
    pipeline();
    const invoice = makeInvoice();
    await putVendorOnFile(invoice);
    const [a, b] = await Promise.all([
      receive(invoice.text, "race-a.txt"),
      receive(appendByte(invoice.text), "race-b.txt"),
    ]);
    const outcomes = await Promise.all([approveEverything(a.id), approveEverything(b.id)]);
    expect(outcomes.toSorted()).toEqual(["posted", "rejected"]);
    expect(await payableCount(a.id, b.id)).toBe(1);
    const [posted, refused] = outcomes[0] === "posted" ? [a, b] : [b, a];
    await expectRefusedByLedger(refused.id, posted.id);
  });
});
