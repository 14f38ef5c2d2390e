import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/db/queries/api-keys";
import { createDocument, getDocumentById, setDocumentStatus } from "@/db/queries/documents";
import { documentReceivedId } from "@/services/events/catalog";
import { readDocumentForApiKey, readOriginal } from "@/services/documents/read";
import { listStalledDocuments } from "@/services/documents/reconcile";
import { replayDocument } from "@/services/documents/replay";
import { withKeelDatabase } from "../setup/keel-database";

// What replay sends, caught here: these tests are about the use case, not the engine.
const sent = vi.hoisted(() => [] as unknown[]);
vi.mock("@/services/events/send", () => ({
  sendEvents: (payload: unknown) => {
    sent.push(payload);
    return Promise.resolve();
  },
}));

withKeelDatabase();
const actor = { id: null, label: "test" };

async function makeDocument(apiKeyId: string | null = null) {
  const bytes = Buffer.from(`services ${randomBytes(8).toString("hex")}`);
  const { document } = await createDocument(
    {
      bytes,
      filename: "note.txt",
      kind: "text",
      mediaType: "text/plain",
      source: apiKeyId ? "api" : "upload",
      uploadedBy: null,
      apiKeyId,
      parentDocumentId: null,
    },
    actor,
  );
  return { document, bytes };
}

describe("replayDocument", () => {
  it("starts a numbered replay run of a failed document, and refuses one that is not failed", async () => {
    const { document } = await makeDocument();
    expect(await replayDocument(document.id, actor)).toEqual({ ok: false, reason: "not_failed" });
    expect(sent).toEqual([]);

    await setDocumentStatus(document.id, "failed", {
      errorClass: "parse",
      errorMessage: "unreadable",
      failedStep: "extract-text",
    });
    expect(await replayDocument(document.id, actor)).toEqual({ ok: true, replay: 1 });
    expect(sent).toEqual([
      expect.objectContaining({
        name: "keel/document.received",
        id: `${documentReceivedId(document.id)}-replay-1`,
        data: { documentId: document.id },
      }),
    ]);
    expect(await getDocumentById(document.id)).toMatchObject({
      status: "received",
      errorClass: null,
      failedStep: null,
    });
  });
});

describe("reading documents", () => {
  it("gives the original bytes of a stored document, and nothing for an unknown id", async () => {
    const { document, bytes } = await makeDocument();
    const original = await readOriginal(document.id);
    expect(original?.document.id).toBe(document.id);
    expect(Buffer.compare(original?.bytes ?? Buffer.alloc(0), bytes)).toBe(0);
    expect(await readOriginal("00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await readOriginal("not-an-id")).toBeUndefined();
  });

  it("shows a key the documents it sent and nothing of another key's", async () => {
    const mine = await createApiKey("mine", actor);
    const theirs = await createApiKey("theirs", actor);
    const { document } = await makeDocument(mine.key.id);
    expect(await readDocumentForApiKey(mine.key, document.id)).toMatchObject({
      id: document.id,
      status: "received",
      decisions: [],
      error: null,
    });
    expect(await readDocumentForApiKey(theirs.key, document.id)).toBeUndefined();
  });
});

describe("listStalledDocuments", () => {
  it("lists a received document only once its event has had two minutes to arrive", async () => {
    const { document } = await makeDocument();
    const uploaded = document.createdAt.getTime();
    expect(await listStalledDocuments(new Date(uploaded + 60_000))).not.toContain(document.id);
    expect(await listStalledDocuments(new Date(uploaded + 3 * 60_000))).toContain(document.id);
  });
});
