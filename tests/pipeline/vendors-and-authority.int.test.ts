import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDocumentById, getDocumentText, getLatestExtraction, listDocumentEvents } from "@/db/queries/documents";
import { listPayablesForDocument } from "@/db/queries/ledger";
import { listTasksForDocument, resolveTask } from "@/db/queries/tasks";
import { createVendor, getVendorById } from "@/db/queries/vendors";
import type { Document, Task, User } from "@/db/schema";
import { prefillNewVendor } from "@/domain/tasks/new-vendor";
import { until } from "../engine/helpers";
import { invoiceNumber, invoiceText, seller, type Seller } from "../factories/us-invoice";
import { outboxEmail } from "../factories/emails";
import { makeUser } from "../factories/users";
import { withPipeline } from "./harness";

const pipeline = withPipeline();

async function receive(text: string, uploader: User | null) {
  const { receiveDocument } = await import("@/services/documents/receive");
  const actor = uploader ? { id: uploader.id, label: uploader.email } : { id: null, label: "test" };
  return receiveDocument({
    bytes: new TextEncoder().encode(text),
    filename: `invoice-${randomBytes(3).toString("hex")}.txt`,
    source: "upload",
    actor,
    uploadedBy: uploader?.id ?? null,
  });
}

async function onFile(from: Seller, bank: { accountNumber: string; sortCode: string }) {
  const result = await createVendor(
    { name: from.name, taxId: from.ein, currency: "USD", ...bank },
    { id: null, label: "test" },
  );
  if (!result.ok) throw new Error("vendor not created");
  return result.vendor;
}

/** The run's next question, or where it stopped. */
function nextStop(documentId: string, previous: readonly string[] = []) {
  return until("an open task or the end of the run", async () => {
    const open = (await listTasksForDocument(documentId)).find((t) => t.status === "open" && !previous.includes(t.id));
    if (open) return open;
    const document = await getDocumentById(documentId);
    return document && ["posted", "rejected", "failed"].includes(document.status) ? document : undefined;
  });
}

async function openTask(documentId: string, previous: readonly string[] = []): Promise<Task> {
  const stop = await nextStop(documentId, previous);
  if (!("type" in stop)) throw new Error(`the run stopped at ${stop.status} instead of opening a task`);
  return stop;
}

async function settled(documentId: string, statuses: Document["status"][]): Promise<Document> {
  return until(`document ${documentId} to reach ${statuses.join("/")}`, async () => {
    const document = await getDocumentById(documentId);
    return document && statuses.includes(document.status) ? document : undefined;
  });
}

/**
 * The fields' review an unsure reading asks for first (the extractor is never sure enough of printed bank details),
 * approved as read by someone who is not the uploader; returns the task that follows it.
 */
async function pastReview(documentId: string): Promise<Task> {
  const first = await openTask(documentId);
  if (first.type !== "REVIEW_EXTRACTION") return first;
  const { decide } = await import("@/services/tasks/decide");
  expect(await decide(await makeUser({ role: "operator" }), first.id, { action: "approve" })).toMatchObject({
    ok: true,
  });
  return openTask(documentId, [first.id]);
}

/** Approves a spend task, with a second approver when four eyes ask for one (as they do without a USD rate). */
async function approveSpend(task: Task): Promise<void> {
  const { decide } = await import("@/services/tasks/decide");
  for (let approvals = 0; approvals < 2; approvals++) {
    const result = await decide(await approverUsd(), task.id, { action: "approve" });
    if (!result.ok) throw new Error(result.message);
    if (result.data.resolved) return;
  }
  throw new Error("two approvals did not resolve the spend task");
}

/** The third copy: an operator uploads a known vendor's invoice with no number, then types the number in. */
async function correctedByItsUploader(number: string) {
  const { decide } = await import("@/services/tasks/decide");
  const from = seller();
  await onFile(from, { accountNumber: from.account, sortCode: from.routing });
  const operator = await makeUser({ role: "operator" });
  const { document } = await receive(invoiceText(from, { number: null }), operator);
  const review = await openTask(document.id);
  expect(review.type).toBe("REVIEW_EXTRACTION");
  const read = await getLatestExtraction(document.id);
  const corrected = await decide(operator, review.id, {
    action: "edit_and_approve",
    extractionId: read?.id ?? "",
    edits: { documentNumber: number },
  });
  expect(corrected).toMatchObject({ ok: true, data: { resolved: true } });
  return { document, review, operator };
}

const approverUsd = () => makeUser({ role: "approver", approvalLimitMinor: 10_000_000, approvalCurrency: "USD" });

describe("no single person moves money", () => {
  it("does not post an invoice on its uploader's correction alone: someone else approves the spend", async () => {
    pipeline();
    const { document, review } = await correctedByItsUploader("HB-2025-0077");
    const spend = await openTask(document.id, [review.id]);
    expect(spend.type).toBe("APPROVE_SPEND");
    expect(spend.reasons).toContain(
      "A person corrected the fields, so someone other than the uploader and whoever corrected them approves the spend.",
    );
    expect((await getDocumentById(document.id))?.status).toBe("needs_review");
    expect(await listPayablesForDocument(document.id)).toEqual([]);

    await approveSpend(spend);
    expect((await settled(document.id, ["posted", "rejected", "failed"])).status).toBe("posted");
    expect(await listPayablesForDocument(document.id)).toEqual([
      expect.objectContaining({ invoiceNumber: "HB-2025-0077" }),
    ]);
  });

  it("never posts an invoice with no seller on its uploader's word: the review is followed by setting up the vendor", async () => {
    pipeline();
    const { decide } = await import("@/services/tasks/decide");
    const from = seller();
    // The seller's letterhead, tax id, cheque line and bank line torn off: only the customer and the figures remain.
    const text = invoiceText(from, { number: invoiceNumber("HB") })
      .split("\n")
      .filter((line) => !line.includes(from.name) && !/^(77 Dockside|Portland|USA|Phone:|EIN:|ACH:)/.test(line))
      .join("\n");
    const operator = await makeUser({ role: "operator" });
    const { document } = await receive(text, operator);
    const review = await openTask(document.id);
    expect(review.type).toBe("REVIEW_EXTRACTION");
    expect((await getLatestExtraction(document.id))?.extraction.fields.vendorName.value).toBeNull();

    expect(await decide(operator, review.id, { action: "approve" })).toMatchObject({
      ok: true,
      data: { resolved: true },
    });
    const next = await openTask(document.id, [review.id]);
    expect(next.type).toBe("CONFIRM_NEW_VENDOR");
    expect(next.reasons.join(" ")).toContain("names no seller Keel could read");
    expect((await getDocumentById(document.id))?.status).toBe("needs_review");
    expect(await listPayablesForDocument(document.id)).toEqual([]);
  });

  it("auto-posts a clean machine route with no human edits under the auto-post limit", async () => {
    pipeline();
    const from = seller();
    await onFile(from, { accountNumber: from.account, sortCode: from.routing });
    const { document } = await receive(
      invoiceText(from, { number: invoiceNumber("HB"), bank: false }),
      await makeUser({ role: "operator" }),
    );
    const done = await settled(document.id, ["posted", "needs_review", "failed"]);
    expect(done.route).toEqual({ kind: "auto_post" });
    expect(done.status).toBe("posted");
    // A QA review may sample it after posting (1 % by default); no task stood before the posting.
    expect((await listTasksForDocument(document.id)).filter((t) => t.type !== "QA_REVIEW")).toEqual([]);
  });

  it("refuses at posting time a payable whose only approvals came from the person who corrected it", async () => {
    pipeline();
    const { document, review, operator } = await correctedByItsUploader("HB-2025-0099");

    // A crafted path: every later task resolved in the corrector's name, past the policy that would refuse them.
    const { inngest } = await import("@/services/events/client");
    const { taskResolved } = await import("@/services/events/catalog");
    const seen = [review.id];
    for (const expected of ["APPROVE_SPEND", "HIGH_RISK_ACTION"]) {
      const task = await openTask(document.id, seen);
      expect(task.type).toBe(expected);
      seen.push(task.id);
      const forged = await resolveTask({
        taskId: task.id,
        actor: { id: operator.id, label: operator.email },
        action: "approve",
        parameters: {},
      });
      expect(forged.ok).toBe(true);
      await inngest.send(taskResolved.create({ taskId: task.id, documentId: document.id, action: "approve" }));
    }
    const refused = await until("the posting to be refused", async () =>
      (await listDocumentEvents(document.id)).find((e) =>
        e.label.startsWith("Not posted: nobody independent approved it."),
      ),
    );
    expect(refused.label).toContain("A person corrected the fields");
    const after = await getDocumentById(document.id);
    expect(after?.status).toBe("needs_review");
    expect(after?.errorMessage).toBe(refused.label);
    expect(await listPayablesForDocument(document.id)).toEqual([]);
  });
});

describe("vendors from the invoice", () => {
  it("turns an unknown seller printing its bank details into one new-vendor review and no bank-change task", async () => {
    pipeline();
    const from = seller();
    const approver = await approverUsd();
    const { document } = await receive(
      invoiceText(from, { number: invoiceNumber("HB") }),
      await makeUser({ role: "operator" }),
    );
    const task = await pastReview(document.id);
    expect(task.type).toBe("CONFIRM_NEW_VENDOR");
    expect(task.assignedRole).toBe("approver");
    // Approved only by setting the vendor up on the task page: the email offers rejecting, and the page.
    const email = await until("the new-vendor task's email", () =>
      outboxEmail(`task-open:${task.id}:${approver.id}`).catch(() => undefined),
    );
    expect(email.body).not.toContain("Approve:");
    expect(email.body).toContain("Reject:");
    expect((await listTasksForDocument(document.id)).map((t) => t.type)).toEqual([
      "REVIEW_EXTRACTION",
      "CONFIRM_NEW_VENDOR",
    ]);
    const findings = (await getLatestExtraction(document.id))?.findings?.map((f) => f.rule) ?? [];
    expect(findings).toContain("unknown-vendor");
    expect(findings).not.toContain("bank-details-changed");
  });

  it("creates the vendor from the task and continues the run with it on file, up to an independent spend approval", async () => {
    pipeline();
    const { createVendorFromTask } = await import("@/services/tasks/new-vendor");
    const from = seller();
    const operator = await makeUser({ role: "operator" });
    const { document } = await receive(invoiceText(from, { number: invoiceNumber("HB") }), operator);
    const task = await pastReview(document.id);
    expect(task.type).toBe("CONFIRM_NEW_VENDOR");
    const read = await getLatestExtraction(document.id);
    const form = prefillNewVendor(
      read?.extraction.fields ??
        (() => {
          throw new Error("no extraction");
        })(),
      await getDocumentText(document.id),
    );
    expect(form).toMatchObject({
      name: from.name,
      taxId: from.ein,
      accountNumber: from.account,
      address: "77 Dockside Avenue, Portland, OR 97201, USA",
    });

    const approver = await approverUsd();
    expect(await createVendorFromTask(operator, task.id, form)).toMatchObject({ ok: false, code: "not_found:task" });
    const unchecked = await createVendorFromTask(approver, task.id, form);
    expect(unchecked).toMatchObject({ ok: false, fieldErrors: { bankChecked: [expect.stringContaining("by phone")] } });
    const created = await createVendorFromTask(approver, task.id, { ...form, bankChecked: "on" });
    if (!created.ok) throw new Error(created.message);
    expect(await getVendorById(created.data.vendorId)).toMatchObject({
      name: from.name,
      taxId: from.ein,
      accountNumber: from.account,
      address: "77 Dockside Avenue, Portland, OR 97201, USA",
    });

    const spend = await openTask(document.id, [task.id]);
    expect(spend.type).toBe("APPROVE_SPEND");
    expect(spend.reasons).toContain(
      "The vendor was created from this document, so someone other than the uploader approves its first payment.",
    );
    expect((await getDocumentById(document.id))?.vendorId).toBe(created.data.vendorId);
    expect((await listTasksForDocument(document.id)).map((t) => t.type)).not.toContain("CONFIRM_BANK_CHANGE");
    await approveSpend(spend);
    expect((await settled(document.id, ["posted", "rejected", "failed"])).status).toBe("posted");
  });

  it("lets a second invoice from the same new seller continue with the vendor the first one set up", async () => {
    pipeline();
    const { createVendorFromTask } = await import("@/services/tasks/new-vendor");
    const from = seller();
    const operator = await makeUser({ role: "operator" });
    const first = await receive(invoiceText(from, { number: invoiceNumber("HB") }), operator);
    const second = await receive(invoiceText(from, { number: invoiceNumber("HB") }), operator);
    const [one, two] = [await pastReview(first.document.id), await pastReview(second.document.id)];
    expect([one.type, two.type]).toEqual(["CONFIRM_NEW_VENDOR", "CONFIRM_NEW_VENDOR"]);

    const approver = await approverUsd();
    const formOf = async (documentId: string) => ({
      ...prefillNewVendor(
        (await getLatestExtraction(documentId))?.extraction.fields ??
          (() => {
            throw new Error("no extraction");
          })(),
      ),
      bankChecked: "on",
    });
    const created = await createVendorFromTask(approver, one.id, await formOf(first.document.id));
    if (!created.ok) throw new Error(created.message);
    const continued = await createVendorFromTask(approver, two.id, await formOf(second.document.id));
    if (!continued.ok) throw new Error(continued.message);
    expect(continued.data.vendorId).toBe(created.data.vendorId);

    // On file now, the vendor's prices from the first invoice may make the next question a price change.
    const next = await openTask(second.document.id, [two.id]);
    expect(["APPROVE_SPEND", "CONFIRM_PRICE_CHANGE"]).toContain(next.type);
    expect((await getDocumentById(second.document.id))?.vendorId).toBe(created.data.vendorId);
    expect((await listTasksForDocument(second.document.id)).map((t) => t.type)).not.toContain("CONFIRM_BANK_CHANGE");
  });

  it("stops the document when the new vendor is rejected", async () => {
    pipeline();
    const { decide } = await import("@/services/tasks/decide");
    const { document } = await receive(invoiceText(seller(), { number: invoiceNumber("HB") }), null);
    const task = await pastReview(document.id);
    expect(await decide(await approverUsd(), task.id, { action: "approve" })).toMatchObject({
      ok: false,
      message: "Approve by creating the vendor below, or reject the document.",
    });
    expect(
      await decide(await approverUsd(), task.id, { action: "reject", reason: "Not a supplier of ours." }),
    ).toMatchObject({ ok: true });
    expect((await settled(document.id, ["rejected", "posted", "failed"])).status).toBe("rejected");
    expect(await listPayablesForDocument(document.id)).toEqual([]);
  });

  it("still asks to confirm the bank change of a known vendor whose bank details differ from the master", async () => {
    pipeline();
    const from = seller();
    await onFile(from, { accountNumber: "5550001234", sortCode: from.routing });
    const { document } = await receive(invoiceText(from, { number: invoiceNumber("HB") }), null);
    const task = await openTask(document.id);
    expect(task.type).toBe("CONFIRM_BANK_CHANGE");
    expect(task.reasons[0]).toContain("account ending 1234");
  });
});
