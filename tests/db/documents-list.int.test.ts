import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseDocumentsParams } from "@/app/(app)/documents/documents-params";
import { db } from "@/db/index";
import { listDocuments } from "@/db/queries/documents";
import { createVendor } from "@/db/queries/vendors";
import { documents, type NewDocument } from "@/db/schema";
import { storeTextInvoice } from "../factories/documents";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const actor = { id: null, label: "test" };

/** A stored document as the pipeline would have left it: read, received on `day`, in `status`. */
async function documentAs(fields: Partial<NewDocument> & { day: string }) {
  const stored = await storeTextInvoice();
  const { day, ...rest } = fields;
  await db()
    .update(documents)
    .set({ ...rest, createdAt: new Date(`${day}T12:00:00Z`) })
    .where(eq(documents.id, stored.id));
  return stored.id;
}

const ids = async (search: Record<string, string>) => {
  const { filter, after } = parseDocumentsParams(search);
  return (await listDocuments({ ...filter, after })).documents.map((d) => d.id);
};

describe("the Documents list's filters", () => {
  it("narrow by status, vendor, the days received and words in the file name, vendor or number", async () => {
    const created = await createVendor({ name: `Acme ${String(Math.random())}` }, actor);
    if (!created.ok) throw new Error("vendor not created");
    const acme = created.vendor;
    const march = await documentAs({
      day: "2026-03-10",
      status: "needs_review",
      vendorId: acme.id,
      vendorName: "Acme GmbH",
      documentNumber: "INV-2026-042",
      filename: "scan_0001.pdf",
    });
    const april = await documentAs({
      day: "2026-04-02",
      status: "posted",
      vendorName: "Globex 100% Ltd",
      documentNumber: "G-7",
      filename: "globex-april.pdf",
    });
    const lastDay = await documentAs({ day: "2026-03-31", status: "posted", filename: "march_end.txt" });

    expect(await ids({ status: "needs_review" })).toEqual([march]);
    expect(await ids({ vendor: acme.id })).toEqual([march]);
    expect(await ids({ from: "2026-03-01", to: "2026-03-31" })).toEqual([lastDay, march]);
    expect(await ids({ from: "2026-04-01" })).toEqual([april]);
    expect(await ids({ q: "inv-2026" })).toEqual([march]);
    expect(await ids({ q: "ACME" })).toEqual([march]);
    expect(await ids({ q: "globex-APRIL" })).toEqual([april]);
    expect(await ids({ status: "posted", q: "march" })).toEqual([lastDay]);
  });

  it("reads % and _ in the search as the characters themselves", async () => {
    const percent = await documentAs({ day: "2026-05-01", vendorName: "Wholesale 37% Ltd", filename: "a.pdf" });
    const underscore = await documentAs({ day: "2026-05-02", filename: "may_total.pdf" });
    await documentAs({ day: "2026-05-03", filename: "mayxtotal.pdf", vendorName: "Wholesale 370 Ltd" });

    expect(await ids({ q: "37%" })).toEqual([percent]);
    expect(await ids({ q: "may_total" })).toEqual([underscore]);
  });

  it("pages through a filtered list without repeating or skipping a document", async () => {
    const made: string[] = [];
    for (const day of ["2026-06-01", "2026-06-02", "2026-06-03"]) {
      made.push(await documentAs({ day, status: "failed", filename: `paged-${day}.txt` }));
    }
    const filter = parseDocumentsParams({ status: "failed", q: "paged-" }).filter;
    const first = await listDocuments({ ...filter, limit: 2 });
    expect(first.documents.map((d) => d.id)).toEqual([made[2], made[1]]);
    const second = await listDocuments({ ...filter, limit: 2, after: first.next ?? undefined });
    expect(second.documents.map((d) => d.id)).toEqual([made[0]]);
    expect(second.next).toBeNull();
  });
});
