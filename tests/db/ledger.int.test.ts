import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { createDocument } from "@/db/queries/documents";
import { listEffectAttempts, postDocumentEffects } from "@/db/queries/ledger";
import { outboxEmails, purchaseOrders } from "@/db/schema";
import { withKeelDatabase } from "../setup/keel-database";

const database = withKeelDatabase();

it("applies each side effect once, however often posting runs, and logs every attempt", async () => {
  const { document } = await createDocument(
    { bytes: Buffer.from("po"), filename: "po.txt", kind: "text", mediaType: "text/plain", source: "upload" },
    { id: null, label: "test" },
  );
  const plan = {
    documentId: document.id,
    vendorId: null,
    purchaseOrder: { number: "PO-1", currency: "EUR", totalMinor: 12_300, lines: [] },
    email: { to: "orders@vendor.test", subject: "Purchase order PO-1", body: "…" },
  };
  const first = await postDocumentEffects(plan);
  const again = await Promise.all([postDocumentEffects(plan), postDocumentEffects(plan)]);
  expect(first.map((o) => o.outcome)).toEqual(["applied", "applied"]);
  expect(again.flat().map((o) => o.outcome)).toEqual([
    "already_applied",
    "already_applied",
    "already_applied",
    "already_applied",
  ]);
  const { db } = database();
  expect(await db.select().from(purchaseOrders).where(eq(purchaseOrders.documentId, document.id))).toHaveLength(1);
  expect(await db.select().from(outboxEmails).where(eq(outboxEmails.documentId, document.id))).toHaveLength(1);
  expect(await listEffectAttempts(document.id)).toHaveLength(6);
});
