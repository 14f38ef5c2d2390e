import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { getDocumentById, getDocumentText, getLatestExtraction, listDocuments } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import type { Document } from "@/db/schema";
import { seedDemoVendors } from "@/db/seed";
import { invoiceLines, scannedPdf, textPdf, textPng } from "@/ai/text/testing/documents";
import { threadEml } from "@/ai/text/testing/email";
import { until } from "../engine/helpers";
import { withPipeline } from "./harness";

const pipeline = withPipeline();

async function receive(bytes: Uint8Array, filename: string) {
  const { receiveDocument } = await import("@/services/documents/receive");
  return (await receiveDocument({ bytes, filename, source: "upload", actor: { id: null, label: "test" } })).document;
}

async function routed(documentId: string): Promise<Document> {
  return until(
    `document ${documentId} to be routed`,
    async () => {
      const document = await getDocumentById(documentId);
      return document && !["received", "extracting"].includes(document.status) ? document : undefined;
    },
    60_000,
  );
}

async function openTaskTypes(documentId: string): Promise<string[]> {
  return until("its task", async () => {
    const tasks = await listTasksForDocument(documentId);
    return tasks.length ? tasks.map((t) => t.type) : undefined;
  });
}

describe("messy documents through the whole pipeline", () => {
  it("reads a scanned page through OCR", async () => {
    pipeline();
    const document = await receive(await scannedPdf(textPng(invoiceLines)), "scan.pdf");
    const done = await routed(document.id);
    expect(done.status).not.toBe("failed");
    expect((await getDocumentText(document.id))?.source).toBe("ocr");
    expect(done.documentNumber).toBe("INV-2024-0042");
  }, 90_000);

  it("finds the order in a 20-message email thread and takes its attachment as a document of its own", async () => {
    pipeline();
    const pdf = await textPdf([
      [
        { text: "INVOICE", x: 72, y: 80 },
        { text: "Invoice number: ATT-5531", x: 72, y: 120 },
        { text: "Total due: 99.00 EUR", x: 72, y: 160 },
      ],
    ]);
    const email = await receive(threadEml(pdf, textPng([{ text: "logo", x: 10, y: 40 }], 200, 60)), "thread.eml");
    const done = await routed(email.id);
    expect(done.status).not.toBe("failed");
    const children = await until("the attachment's document", async () => {
      const { documents } = await listDocuments({ limit: 50 });
      const found = documents.filter((d) => d.parentDocumentId === email.id && d.kind === "pdf");
      return found.length ? found : undefined;
    });
    const attachment = await routed(children[0]?.id ?? "");
    expect(attachment).toMatchObject({ source: "email_attachment", documentNumber: "ATT-5531" });
  }, 90_000);

  it("reads a CSV purchase order", async () => {
    pipeline();
    const csv = [
      "Purchase Order,,,",
      "PO Number,Vendor,Order Date,Currency",
      "PO-88121,Acme Industrial Supply Inc.,2025-02-26,USD",
      "",
      "Item,Description,Qty,Unit Price,Amount",
      "AC-1001,Hydraulic hose,12,42.50,510.00",
      "AC-2040,Brass fitting,150,3.18,477.00",
      "",
      "Subtotal,,,,987.00",
      "Total,,,,987.00",
    ].join("\n");
    const document = await receive(new TextEncoder().encode(csv), "po-88121.csv");
    const done = await routed(document.id);
    expect(done.documentClass).toBe("purchase_order");
    expect(done.totalMinor).toBe(98700);
  });

  it("sends an invoice whose totals do not add up to a person, saying so", async () => {
    pipeline();
    const acme = fs
      .readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8")
      .replace("$1,685.45", "$1,785.45")
      .replace("INV-2025-00418", "INV-2025-00419");
    const document = await receive(new TextEncoder().encode(acme), "bad-totals.txt");
    const done = await routed(document.id);
    expect(done.status).toBe("needs_review");
    const findings = (await getLatestExtraction(document.id))?.findings?.map((f) => f.rule) ?? [];
    expect(findings).toContain("total-mismatch");
    expect(await openTaskTypes(document.id)).toHaveLength(1);
  });

  it("never posts a bank detail change without an admin's confirmation", async () => {
    pipeline();
    await seedDemoVendors();
    const text = fs.readFileSync("ai/deterministic/fixtures/bank-change-email.txt", "utf8");
    const document = await receive(new TextEncoder().encode(text), "bank-change.txt");
    const done = await routed(document.id);
    expect(done).toMatchObject({ status: "needs_review", documentClass: "bank_detail_change", riskLevel: "high" });
    expect(await openTaskTypes(document.id)).toEqual(["CONFIRM_BANK_CHANGE"]);
  });
});
