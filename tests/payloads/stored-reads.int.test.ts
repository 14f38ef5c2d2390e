import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/db/index";
import { createDocument, getLatestExtraction } from "@/db/queries/documents";
import { extractions } from "@/db/schema";
import type { Extraction, Finding } from "@/domain/documents/types";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

/** A recorded shape, as an earlier version left it in the database. */
function recorded(kind: string, version: string): unknown {
  const file = JSON.parse(readFileSync(`tests/fixtures/payloads/${kind}/${version}.json`, "utf8")) as {
    payload: unknown;
  };
  return file.payload;
}

async function documentWithStoredExtraction(extraction: unknown, findings: unknown = null) {
  const { document } = await createDocument(
    {
      bytes: randomBytes(16),
      filename: `stored-${randomBytes(3).toString("hex")}.txt`,
      kind: "text",
      mediaType: "text/plain",
      source: "upload",
    },
    { id: null, label: "test" },
  );
  // Written as the bytes an older version stored, past today's types.
  const [row] = await db()
    .insert(extractions)
    .values({
      documentId: document.id,
      extraction: extraction as Extraction,
      provider: "deterministic",
      findings: findings as Finding[] | null,
    })
    .returning({ id: extractions.id });
  return { documentId: document.id, extractionId: row?.id ?? "" };
}

describe("stored JSON read back through its versioned schema", () => {
  it("reads an extraction stored before evidence had boxes, with its findings", async () => {
    const { documentId } = await documentWithStoredExtraction(
      recorded("stored.extraction", "v1"),
      recorded("stored.findings", "v1"),
    );
    const read = await getLatestExtraction(documentId);
    expect(read?.extraction.fields.documentNumber.evidence).toEqual({
      page: 1,
      start: 120,
      end: 131,
      text: "INV-2026-17",
    });
    expect(read?.findings?.map((f) => f.rule)).toEqual(["amount-over-threshold", "missing-po-number"]);
  });

  it("refuses a stored extraction that fits no shape, naming the row and the field", async () => {
    const broken = { ...(recorded("stored.extraction", "v2") as Record<string, unknown>), provider: undefined };
    const { documentId, extractionId } = await documentWithStoredExtraction(broken);
    await expect(getLatestExtraction(documentId)).rejects.toThrow(
      new RegExp(`extraction ${extractionId} of document ${documentId} fits none of the shapes[\\s\\S]*at provider`),
    );
  });
});
