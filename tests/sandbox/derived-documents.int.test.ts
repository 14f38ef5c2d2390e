import { NonRetriableError } from "inngest";
import { afterAll, describe, expect, it } from "vitest";

import { closeDocumentPool } from "@/ai/sandbox";
import { countDerivedDocuments, listDocumentEvents } from "@/db/queries/documents";
import { withKeelDatabase } from "@/tests/setup/keel-database";

import { fanOutEmail, nestedEmail } from "./hostile";

withKeelDatabase();
afterAll(closeDocumentPool);

async function upload(bytes: Uint8Array, filename: string) {
  const { receiveDocument } = await import("@/services/documents/receive");
  return (await receiveDocument({ bytes, filename, source: "upload", actor: { id: null, label: "test" } })).document;
}

async function extract(documentId: string) {
  const { extractTextStep } = await import("@/services/documents/extract-text");
  return extractTextStep(documentId);
}

describe("documents derived from one upload", () => {
  it("an email whose attachments and their emails' attachments would make 82 documents makes 50, and says why for the rest", async () => {
    const tag = crypto.randomUUID();
    // 40 notes and 2 emails at the top; each of those emails carries 20 more notes: 42 + 40 = 82 below the upload.
    const root = await upload(fanOutEmail(40, 2, 20, tag), "fan-out.eml");
    const top = await extract(root.id);
    expect(top.attachments).toHaveLength(42);
    const childEmails = await Promise.all(
      top.attachments.map(async (id) => {
        const { getDocumentById } = await import("@/db/queries/documents");
        return getDocumentById(id);
      }),
    );
    for (const child of childEmails.filter((document) => document?.kind === "eml")) await extract(child?.id ?? "");
    expect((await countDerivedDocuments(root.id)).derived).toBe(50);
    const emailWithRefusals = childEmails.find((document) => document?.kind === "eml");
    const events = await listDocumentEvents(emailWithRefusals?.id ?? "");
    expect(
      events.some((event) => event.kind === "attachment_rejected" && /at most 50 documents/.test(event.label)),
    ).toBe(true);
  }, 60_000);

  it("a deeply nested forwarded email fails for good with its reason and makes no documents", async () => {
    const root = await upload(nestedEmail(40, 2, crypto.randomUUID()), "nested.eml");
    const failure = await extract(root.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NonRetriableError);
    expect((failure as Error).message).toMatch(
      /^The email holds forwarded emails nested more than 5 levels deep, the limit\./,
    );
    expect((await countDerivedDocuments(root.id)).derived).toBe(0);
  });
});
