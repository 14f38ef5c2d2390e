import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDocument, saveExtraction, setDocumentStatus } from "@/db/queries/documents";
import { listEarlierDocuments, replaceDocumentKeys } from "@/db/queries/rule-context";
import { makeExtraction } from "@/domain/rules/test-factory";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

async function documentWithKeys(number: string, keys: string[]): Promise<string> {
  const { document } = await createDocument(
    { bytes: randomBytes(16), filename: `${number}.txt`, kind: "text", mediaType: "text/plain", source: "upload" },
    { id: null, label: "test" },
  );
  await saveExtraction(document.id, makeExtraction({ documentNumber: number }));
  await replaceDocumentKeys(document.id, keys);
  return document.id;
}

describe("finding the earlier documents a document may repeat", () => {
  it("puts the copy with the same seller and number ahead of many look-alikes on the vendor's template", async () => {
    const run = randomBytes(3).toString("hex");
    const bands = Array.from({ length: 32 }, (_, band) => `text:1:${String(band)}:${run}`);
    const template: string[] = [];
    for (let i = 0; i < 60; i++)
      template.push(
        await documentWithKeys(`T-${run}-${String(i)}`, [...bands, `number:name:acme|T${run}${String(i)}`]),
      );
    const newest = template.at(-1) ?? "";
    const me = await documentWithKeys(`T-${run}-59`, [...bands, `number:name:acme|T${run}59`]);

    const found = await listEarlierDocuments(me, [...bands, `number:name:acme|T${run}59`]);
    expect(found).toHaveLength(50);
    expect(found.map((d) => d.documentId)).toContain(newest);
    expect(found.map((d) => d.documentId)).not.toContain(me);
  });

  it("counts only documents received before this one and still headed for payment", async () => {
    const key = `number:tax:DE${randomBytes(3).toString("hex")}|INV1`;
    const earlier = await documentWithKeys("INV-1", [key]);
    const rejected = await documentWithKeys("INV-1", [key]);
    await setDocumentStatus(rejected, "rejected");
    const me = await documentWithKeys("INV-1", [key]);
    const later = await documentWithKeys("INV-1", [key]);
    expect((await listEarlierDocuments(me, [key])).map((d) => d.documentId)).toEqual([earlier]);
    expect((await listEarlierDocuments(later, [key])).map((d) => d.documentId)).toEqual([earlier, me]);
  });
});
