import { describe, expect, it } from "vitest";
import { issueActionTokens } from "@/db/queries/action-tokens";
import { listAuditForSubject } from "@/db/queries/audit";
import { createDocument, saveExtraction } from "@/db/queries/documents";
import { getRateBook, listExchangeRates, saveExchangeRates } from "@/db/queries/exchange-rates";
import { listFieldEditors } from "@/db/queries/field-edits";
import { getTaskById, openTaskForDocument } from "@/db/queries/tasks";
import type { TaskType } from "@/domain/routing";
import { rateDay } from "@/domain/fx";
import { formatMoney } from "@/domain/money";
import { makeExtraction } from "@/domain/rules/test-factory";
import { fieldValues } from "@/domain/tasks/edits";
import { confirmActionLink } from "@/services/tasks/confirm-link";
import { decide } from "@/services/tasks/decide";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const seed = { id: null, label: "test" };
const today = rateDay();
const daysAgo = (n: number) => rateDay(new Date(Date.now() - n * 86_400_000));

/** A document read as `totalMinor` in `currency`, with a task of each type asked for, as the pipeline opens them. */
async function documentWithTasks(
  totalMinor: number,
  currency: string,
  types: TaskType[],
  uploadedBy: string | null = null,
) {
  const { document } = await createDocument(
    {
      bytes: Buffer.from(`invoice ${String(Math.random())}`),
      filename: "invoice.txt",
      kind: "text",
      mediaType: "text/plain",
      source: "upload",
      uploadedBy,
    },
    seed,
  );
  const extraction = makeExtraction({
    totalMinor,
    subtotalMinor: totalMinor,
    taxMinor: 0,
    currency,
    lines: [{ quantity: 1, unitPriceMinor: totalMinor }],
  });
  const extractionId = await saveExtraction(document.id, extraction);
  const tasks = await Promise.all(
    types.map((type) =>
      openTaskForDocument({
        documentId: document.id,
        type,
        title: `${type} ${document.id.slice(0, 6)}`,
        description: "",
        reasons: [],
        proposed: { findings: [], extractionId, fields: fieldValues(extraction) },
        assignedRole: "approver",
        amountMinor: totalMinor,
        currency,
        deadlineAt: new Date(Date.now() + 3_600_000),
      }),
    ),
  );
  return { documentId: document.id, extractionId, tasks };
}

describe("approving in another currency", () => {
  it("converts with today's rate, approves within the limit, and records the rate on the decision and its audit", async () => {
    await saveExchangeRates([{ currency: "USD", rate: "1.25", effectiveFrom: daysAgo(3) }], seed);
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000, approvalCurrency: "EUR" });
    const task = await makeTask({ amountMinor: 900_000, currency: "USD" });

    const result = await decide(approver, task.id, { action: "approve" });
    const conversion = {
      fromMinor: 900_000,
      fromCurrency: "USD",
      toMinor: 720_000,
      toCurrency: "EUR",
      on: today,
      legs: [{ base: "EUR", currency: "USD", rate: "1.25", effectiveFrom: daysAgo(3) }],
    };
    expect(result).toMatchObject({ ok: true, data: { resolved: true, conversion } });
    expect(await getTaskById(task.id)).toMatchObject({
      status: "resolved",
      resolvedBy: approver.id,
      parameters: { conversion },
    });
    const audit = await listAuditForSubject("task", task.id);
    expect(audit.find((e) => e.action === "task.approval_given")?.after).toMatchObject({ conversion });
    expect(audit.find((e) => e.action === "task.approve")?.after).toMatchObject({ parameters: { conversion } });
  });

  it("refuses an amount over the limit once converted, saying both amounts", async () => {
    await saveExchangeRates([{ currency: "GBP", rate: "0.8", effectiveFrom: daysAgo(1) }], seed);
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const task = await makeTask({ amountMinor: 700_000, currency: "GBP" });
    expect(await decide(approver, task.id, { action: "approve" })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: "£7,000.00 (€8,750.00) is over your approval limit of €7,500.00.",
    });
    expect((await getTaskById(task.id))?.status).toBe("open");
  });

  it("says a rate is missing and where it is added; once an admin adds it, the same approval goes through", async () => {
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const task = await makeTask({ amountMinor: 5_000_000, currency: "INR" });
    expect(await decide(approver, task.id, { action: "approve" })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: `No exchange rate for INR against EUR is in effect on ${today}; an admin adds it in Settings → Exchange rates.`,
    });
    // A rate that takes effect tomorrow is not in effect today.
    await saveExchangeRates(
      [{ currency: "INR", rate: "90", effectiveFrom: rateDay(new Date(Date.now() + 86_400_000)) }],
      seed,
    );
    expect(await decide(approver, task.id, { action: "approve" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("No exchange rate for INR") as unknown,
    });

    await saveExchangeRates([{ currency: "INR", rate: "100", effectiveFrom: today }], seed);
    expect(await decide(approver, task.id, { action: "approve" })).toMatchObject({
      ok: true,
      data: { resolved: true, conversion: { toMinor: 50_000 } },
    });
  });

  it("crosses through the base for an approver whose limit is in another currency, and tells an email-link approver the rate", async () => {
    await saveExchangeRates(
      [
        { currency: "PLN", rate: "4.25", effectiveFrom: daysAgo(2) },
        { currency: "CHF", rate: "0.95", effectiveFrom: daysAgo(2) },
      ],
      seed,
    );
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000, approvalCurrency: "CHF" });
    const task = await makeTask({ amountMinor: 425_000, currency: "PLN" });
    const tokens = await issueActionTokens(task.id, approver.id, ["approve"], task.deadlineAt);
    // PLN 4,250.00 / 4.25 × 0.95 = CHF 950.00
    expect(await confirmActionLink({ token: tokens.approve ?? "", reason: "" }, null)).toEqual({
      done: true,
      message: `Approved. Converted for your limit: ${formatMoney({ minor: 425_000, currency: "PLN" })} = ${formatMoney({ minor: 95_000, currency: "CHF" })} at 1 EUR = 4.25 PLN (effective ${daysAgo(2)}) and 1 EUR = 0.95 CHF (effective ${daysAgo(2)}). Thank you.`,
    });
    expect((await getTaskById(task.id))?.parameters).toMatchObject({
      conversion: { toMinor: 95_000, toCurrency: "CHF" },
    });
  });
});

describe("nobody moves money alone", () => {
  it("refuses the spend to whoever corrected the fields, in the action and the email link, and lets someone else approve", async () => {
    const editor = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const other = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const { documentId, extractionId, tasks } = await documentWithTasks(500_000, "EUR", [
      "REVIEW_EXTRACTION",
      "APPROVE_SPEND",
    ]);
    const [review, spend] = tasks;
    if (!review || !spend) throw new Error("no tasks");
    expect(await listFieldEditors(documentId)).toEqual([]);

    expect(
      await decide(editor, review.id, { action: "edit_and_approve", extractionId, edits: { totalMinor: "5,100.00" } }),
    ).toMatchObject({ ok: true, data: { resolved: true } });
    expect(await listFieldEditors(documentId)).toEqual([editor.id]);

    const refusal = "You corrected this document's fields; someone else must approve it.";
    expect(await decide(editor, spend.id, { action: "approve" })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: refusal,
    });
    const tokens = await issueActionTokens(spend.id, editor.id, ["approve", "reject"], spend.deadlineAt);
    expect(await confirmActionLink({ token: tokens.approve ?? "", reason: "" }, null)).toEqual({
      done: false,
      message: refusal,
    });
    expect((await getTaskById(spend.id))?.status).toBe("open");

    expect(await decide(other, spend.id, { action: "approve" })).toMatchObject({ ok: true, data: { resolved: true } });
  });

  it("still refuses the uploader, and lets an editor reject", async () => {
    const uploader = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const { tasks } = await documentWithTasks(10_000, "EUR", ["APPROVE_SPEND"], uploader.id);
    const [spend] = tasks;
    if (!spend) throw new Error("no task");
    expect(await decide(uploader, spend.id, { action: "approve" })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: "You uploaded this document; someone else must approve it.",
    });
    expect(await decide(uploader, spend.id, { action: "reject", reason: "Not ours" })).toMatchObject({ ok: true });
  });
});

describe("exchange rates", () => {
  it("books the latest rate effective on a day, replaces a rate for the same day, and keeps other bases apart", async () => {
    expect(
      await saveExchangeRates(
        [
          { currency: "JPY", rate: "160", effectiveFrom: "2026-01-01" },
          { currency: "JPY", rate: "162.5", effectiveFrom: "2026-02-01" },
        ],
        seed,
      ),
    ).toEqual({ added: 2, replaced: 0 });
    expect(await saveExchangeRates([{ currency: "JPY", rate: "161", effectiveFrom: "2026-02-01" }], seed)).toEqual({
      added: 0,
      replaced: 1,
    });
    await saveExchangeRates([{ currency: "JPY", rate: "150", effectiveFrom: "2026-01-15" }], seed, "USD");

    expect((await getRateBook("2026-01-31")).rates.JPY).toEqual({
      base: "EUR",
      currency: "JPY",
      rate: "160",
      effectiveFrom: "2026-01-01",
    });
    expect((await getRateBook("2026-03-01")).rates.JPY).toEqual({
      base: "EUR",
      currency: "JPY",
      rate: "161",
      effectiveFrom: "2026-02-01",
    });
    expect((await getRateBook("2025-12-31")).rates.JPY).toBeUndefined();
    expect((await getRateBook("2026-01-31", "USD")).rates.JPY?.rate).toBe("150");
    expect((await listExchangeRates()).filter((r) => r.currency === "JPY").map((r) => r.rate)).toEqual(["161", "160"]);
  });
});
