import { describe, expect, it } from "vitest";
import { getDocumentById, getLatestExtraction, listDocumentEvents } from "@/db/queries/documents";
import { getTaskById, listTasksForDocument } from "@/db/queries/tasks";
import { listFieldEdits } from "@/db/queries/field-edits";
import { createVendor } from "@/db/queries/vendors";
import { marksOn } from "@/domain/tasks/edit-marks";
import { lineEditOf, lineValues } from "@/domain/tasks/line-edits";
import { misprintedLineInvoiceText } from "../../e2e/factories/invoices";
import { until } from "../engine/helpers";
import { makeUser } from "../factories/users";
import { withPipeline } from "./harness";

const pipeline = withPipeline();

const invoice = misprintedLineInvoiceText({ number: "INV-2025-70031", seller: "Acme Industrial Supply, Inc." });

describe("correcting a line on a task", () => {
  it("clears the subtotal mismatch once the line is corrected, and the decision records the line's change", async () => {
    pipeline();
    const { receiveDocument } = await import("@/services/documents/receive");
    const { decide } = await import("@/services/tasks/decide");
    await createVendor(
      { name: "Acme Industrial Supply, Inc.", aliases: ["Acme Industrial"], taxId: "74-2918834", currency: "USD" },
      { id: null, label: "test" },
    );
    const { document } = await receiveDocument({
      bytes: new TextEncoder().encode(invoice),
      filename: "line-typo.txt",
      source: "upload",
      actor: { id: null, label: "test" },
    });
    const review = await until("the review task", async () =>
      (await listTasksForDocument(document.id)).find((t) => t.status === "open"),
    );
    expect(review.type).toBe("REVIEW_EXTRACTION");
    const read = await getLatestExtraction(document.id);
    if (!read) throw new Error("no extraction");
    expect(read.extraction.fields.lines.map((l) => l.amountMinor.value)).toEqual([51_000, 900]);
    expect(read.findings?.map((f) => f.rule)).toContain("subtotal-mismatch");

    const grid = lineValues(read.extraction.fields.lines).map((line) => lineEditOf(line, "USD"));
    const [hose, kit] = grid;
    if (!hose || !kit) throw new Error("two lines expected");
    const operator = await makeUser({ role: "operator" });
    const edited = await decide(operator, review.id, {
      action: "edit_and_approve",
      extractionId: read.id,
      edits: {},
      lines: [hose, { ...kit, unitPriceMinor: "30.00", amountMinor: "90.00" }],
    });
    expect(edited).toMatchObject({ ok: true, data: { resolved: true } });

    const decided = await getTaskById(review.id);
    expect(decided?.parameters).toMatchObject({
      changes: [
        { field: "lines[1].unitPriceMinor", label: "line 2 unit price", proposed: 300, decided: 3000 },
        { field: "lines[1].amountMinor", label: "line 2 amount", proposed: 900, decided: 9000 },
      ],
    });
    expect(decided?.decided?.lines?.[1]).toEqual({
      description: "Brass fitting kit",
      quantity: 3,
      unitPriceMinor: 3000,
      amountMinor: 9000,
    });

    // The run checks the corrected extraction again: the arithmetic holds, so nothing about the lines remains.
    const checked = await until("the corrected extraction checked", async () => {
      const latest = await getLatestExtraction(document.id);
      return latest && latest.id !== read.id && latest.findings ? latest : undefined;
    });
    expect(checked.extraction.provider).toBe(`person:${operator.email}`);
    expect(checked.extraction.fields.lines[1]?.amountMinor).toEqual({ value: 9000, confidence: 1, evidence: null });
    expect(checked.findings?.map((f) => f.rule)).not.toContain("subtotal-mismatch");
    // Whoever looks next sees who typed the line's values and what they were.
    const marks = marksOn(checked.extraction, await listFieldEdits(document.id));
    expect(marks).toEqual({
      "lines[1].unitPriceMinor": { by: operator.name, was: "US$3.00" },
      "lines[1].amountMinor": { by: operator.name, was: "US$9.00" },
    });
    await until("the run past the review", async () => {
      const doc = await getDocumentById(document.id);
      const open = (await listTasksForDocument(document.id)).some((t) => t.status === "open");
      return doc && (open || doc.status !== "needs_review") ? doc : undefined;
    });
    const labels = (await listDocumentEvents(document.id)).map((e) => e.label);
    expect(labels.some((l) => l.includes("line 2 unit price") && l.startsWith(operator.email))).toBe(true);
  });
});
