import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDocument } from "@/db/queries/documents";
import {
  listEffectAttempts,
  listPayablesForDocument,
  postDocumentEffects,
  type PostingPlan,
} from "@/db/queries/ledger";
import { migrationsFolder } from "@/db/migrate";
import { createVendor } from "@/db/queries/vendors";
import { payableKeys } from "@/domain/rules/identity";
import { payableKeys as payableKeyRows, payables } from "@/db/schema";
import { withKeelDatabase } from "../setup/keel-database";

const database = withKeelDatabase();

async function makeDocument(): Promise<string> {
  const { document } = await createDocument(
    { bytes: randomBytes(16), filename: "invoice.txt", kind: "text", mediaType: "text/plain", source: "upload" },
    { id: null, label: "test" },
  );
  return document.id;
}

function payablePlan(documentId: string, keys: string[]): PostingPlan {
  return {
    documentId,
    vendorId: null,
    payable: { invoiceNumber: "INV-7", currency: "EUR", totalMinor: 100_00, dueDate: null, keys },
  };
}

describe("the ledger's duplicate guard", () => {
  it("refuses a second payable holding any key of the first, and names the first", async () => {
    const number = randomBytes(4).toString("hex");
    const first = await makeDocument();
    const second = await makeDocument();
    expect((await postDocumentEffects(payablePlan(first, [`tax:DE1|${number}`]))).map((o) => o.outcome)).toEqual([
      "applied",
    ]);
    const [refused] = await postDocumentEffects(payablePlan(second, [`vendor:v|${number}`, `tax:DE1|${number}`]));
    const [payable] = await listPayablesForDocument(first);
    expect(refused).toMatchObject({
      outcome: "refused",
      duplicateOf: { payableId: payable?.id, documentId: first, key: `tax:DE1|${number}` },
    });
    expect(await listPayablesForDocument(second)).toEqual([]);
    expect((await listEffectAttempts(second)).map((a) => a.outcome)).toEqual(["refused"]);
  });

  it("refuses again, the same way, when the refused posting is retried, and the first stays applied once", async () => {
    const number = randomBytes(4).toString("hex");
    const first = await makeDocument();
    const second = await makeDocument();
    await postDocumentEffects(payablePlan(first, [`name:acme|${number}`]));
    expect((await postDocumentEffects(payablePlan(first, [`name:acme|${number}`]))).map((o) => o.outcome)).toEqual([
      "already_applied",
    ]);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await postDocumentEffects(payablePlan(second, [`name:acme|${number}`]))).map((o) => o.outcome)).toEqual([
        "refused",
      ]);
    }
    expect(await listPayablesForDocument(second)).toEqual([]);
  });

  it("writes one payable when two documents with the same seller and number post at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const number = randomBytes(4).toString("hex");
      const documents = await Promise.all([makeDocument(), makeDocument(), makeDocument()]);
      // Keys in different orders: the guard must not deadlock on them.
      const outcomes = await Promise.all(
        documents.map((id, index) =>
          postDocumentEffects(
            payablePlan(
              id,
              index % 2 ? [`tax:X|${number}`, `iban:Y|${number}`] : [`iban:Y|${number}`, `tax:X|${number}`],
            ),
          ),
        ),
      );
      expect(
        outcomes
          .flat()
          .map((o) => o.outcome)
          .toSorted(),
      ).toEqual(["applied", "refused", "refused"]);
      const written = await Promise.all(documents.map((id) => listPayablesForDocument(id)));
      expect(written.flat()).toHaveLength(1);
    }
  });

  it("lets invoices without a number, or with another number, post side by side", async () => {
    const a = await makeDocument();
    const b = await makeDocument();
    const c = await makeDocument();
    expect((await postDocumentEffects(payablePlan(a, []))).map((o) => o.outcome)).toEqual(["applied"]);
    expect((await postDocumentEffects(payablePlan(b, []))).map((o) => o.outcome)).toEqual(["applied"]);
    expect(
      (await postDocumentEffects(payablePlan(c, [`tax:Z|${randomBytes(4).toString("hex")}`]))).map((o) => o.outcome),
    ).toEqual(["applied"]);
  });
});

describe("the backfill of payable keys", () => {
  it("gives payables posted before the guard the key a later posting under their vendor and number collides with", async () => {
    const created = await createVendor(
      { name: `Backfill ${randomBytes(3).toString("hex")}`, aliases: [] },
      { id: null, label: "test" },
    );
    if (!created.ok) throw new Error("no vendor");
    const vendor = created.vendor;
    const { db } = database();
    const legacy = await makeDocument();
    const [payable] = await db
      .insert(payables)
      .values({
        idempotencyKey: `post:${legacy}:payable`,
        documentId: legacy,
        vendorId: vendor.id,
        invoiceNumber: "inv 2024/77",
        currency: "EUR",
        totalMinor: 500,
      })
      .returning();

    await db.$client.unsafe(fs.readFileSync(path.join(migrationsFolder, "0013_backfill-payable-keys.sql"), "utf8"));

    const keys = payableKeys({
      vendor: { ...vendor, iban: null, taxId: null },
      printed: { name: null, taxId: null, iban: null },
      number: "INV-2024-77",
    });
    expect(
      await db
        .select()
        .from(payableKeyRows)
        .where(eq(payableKeyRows.payableId, payable?.id ?? "")),
    ).toEqual([{ key: keys[0], payableId: payable?.id }]);
    const later = await makeDocument();
    expect((await postDocumentEffects(payablePlan(later, keys))).map((o) => o.outcome)).toEqual(["refused"]);
  });
});
