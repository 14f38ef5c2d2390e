import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDocumentPool } from "@/ai/sandbox";
import { db } from "@/db/index";
import { getDocumentById, listDocumentEvents } from "@/db/queries/documents";
import { extractions } from "@/db/schema";
import { extractAndCheckStep } from "@/services/documents/check-document";
import { startAndReadTextStep } from "@/services/documents/extract-text";
import { storeTextInvoice } from "../factories/documents";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
afterAll(closeDocumentPool);

// Each folded step is one durable boundary: the engine retries it whole after a crash anywhere inside it, so running
// it again must change nothing that the first run already wrote.
describe("the steps folded together", () => {
  it("take the document and read its text once, however often the step runs again", async () => {
    const document = await storeTextInvoice();
    const first = await startAndReadTextStep(document.id, "run-folded");
    const again = await startAndReadTextStep(document.id, "run-folded");
    expect(again).toEqual(first);
    expect(first).toMatchObject({ source: "text", pages: 1 });
    expect(await getDocumentById(document.id)).toMatchObject({ status: "extracting", runId: "run-folded" });
    const events = await listDocumentEvents(document.id);
    expect(events.filter((event) => event.dedupeKey === "start:run-folded")).toHaveLength(1);
    expect(events.filter((event) => event.dedupeKey === "extract-text")).toHaveLength(1);
  });

  it("extract the fields once and route the same way when the step runs again", async () => {
    const document = await storeTextInvoice();
    await startAndReadTextStep(document.id, "run-folded-2");
    const first = await extractAndCheckStep(document.id);
    const again = await extractAndCheckStep(document.id);
    expect(again.route).toEqual(first.route);
    expect(await db().select().from(extractions).where(eq(extractions.documentId, document.id))).toHaveLength(1);
    const events = await listDocumentEvents(document.id);
    expect(events.filter((event) => event.dedupeKey?.startsWith("extract-fields:"))).toHaveLength(1);
    expect(events.filter((event) => event.dedupeKey?.startsWith("check:"))).toHaveLength(1);
    expect((await getDocumentById(document.id))?.status).toBe(
      first.route.kind === "task" ? "needs_review" : "approved",
    );
  }, 60_000);
});
