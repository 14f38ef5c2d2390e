import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/documents/route";
import { GET } from "@/app/api/v1/documents/[documentId]/route";
import { createApiKey } from "@/db/queries/api-keys";
import { createDocument } from "@/db/queries/documents";
import { storeCsv } from "../factories/documents";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const admin = { id: null, label: "test admin" };
const run = Math.random().toString(36).slice(2);
const csv = (n: number) => `PO Number,Vendor,Item,Qty,Unit Price\nPO-${run}-${String(n)},ACME,Hose,12,42.50\n`;

async function upload(secret: string, body: string, idempotencyKey: string): Promise<string> {
  const response = await POST(
    new Request("http://keel.test/api/v1/documents", {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "x-filename": "po.csv", "idempotency-key": idempotencyKey },
      body,
    }),
  );
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { id: string }).id;
}

const get = (secret: string, documentId: string) =>
  GET(
    new Request(`http://keel.test/api/v1/documents/${documentId}`, { headers: { authorization: `Bearer ${secret}` } }),
    {
      params: Promise.resolve({ documentId }),
    },
  );

describe("which documents an API key reads", () => {
  it("another key's document answers 404, as a missing one does", async () => {
    const owner = await createApiKey("erp", admin);
    const other = await createApiKey("crm", admin);
    const id = await upload(owner.secret, csv(1), "k1");
    expect((await get(owner.secret, id)).status).toBe(200);
    const refused = await get(other.secret, id);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({
      error: { code: "not_found:document", message: "No document with this id." },
    });
  });

  it("a document uploaded in the browser is not readable by an ordinary key", async () => {
    const key = await createApiKey("erp", admin);
    const document = await storeCsv(csv(2), admin);
    expect((await get(key.secret, document.id)).status).toBe(404);
  });

  it("a key reads the attachments found in what it sent, and another key does not", async () => {
    const owner = await createApiKey("erp", admin);
    const other = await createApiKey("crm", admin);
    const parentId = await upload(owner.secret, csv(5), "k5");
    const { document: child } = await createDocument(
      {
        bytes: Buffer.from(csv(6)),
        filename: "attached.csv",
        kind: "csv",
        mediaType: "text/csv",
        source: "email_attachment",
        uploadedBy: null,
        apiKeyId: null,
        parentDocumentId: parentId,
      },
      admin,
    );
    expect((await get(owner.secret, child.id)).status).toBe(200);
    expect((await get(other.secret, child.id)).status).toBe(404);
  });

  it("a key with the read_all scope reads every document", async () => {
    const owner = await createApiKey("erp", admin);
    const reader = await createApiKey("reconciler", admin, "read_all");
    const id = await upload(owner.secret, csv(3), "k3");
    expect((await get(reader.secret, id)).status).toBe(200);
  });

  it("a key that sends a file another key sent first may follow the document it is told about", async () => {
    const first = await createApiKey("erp", admin);
    const second = await createApiKey("crm", admin);
    const id = await upload(first.secret, csv(4), "k4");
    expect(await upload(second.secret, csv(4), "k4")).toBe(id);
    expect((await get(second.secret, id)).status).toBe(200);
  });
});
