import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/documents/route";
import { GET } from "@/app/api/v1/documents/[documentId]/route";
import { createApiKey, revokeApiKey } from "@/db/queries/api-keys";
import { listAuditForSubject } from "@/db/queries/audit";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const admin = { id: null, label: "test admin" };

function upload(secret: string, body: string, idempotencyKey: string | null, filename = "po.csv") {
  return POST(
    new Request("http://keel.test/api/v1/documents", {
      method: "POST",
      headers: {
        authorization: `Bearer ${secret}`,
        "x-filename": filename,
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      },
      body,
    }),
  );
}

const csv = (n: number) => `PO Number,Vendor,Item,Qty,Unit Price\nPO-${String(n)},ACME,Hose,12,42.50\n`;

describe("POST /api/v1/documents", () => {
  it("creates a document, and answers the same way to the same key and body", async () => {
    const { secret } = await createApiKey("erp", admin);
    const first = await upload(secret, csv(1), "key-1");
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; duplicate: boolean };
    expect(created.duplicate).toBe(false);

    const again = await upload(secret, csv(1), "key-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(created);
  });

  it("refuses the same key with another body with 409, and stores nothing new", async () => {
    const { secret } = await createApiKey("erp", admin);
    expect((await upload(secret, csv(2), "key-2")).status).toBe(201);
    const conflict = await upload(secret, csv(3), "key-2");
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { code: "conflict:idempotency_key" } });
  });

  it("asks for an Idempotency-Key", async () => {
    const { secret } = await createApiKey("erp", admin);
    const response = await upload(secret, csv(4), null);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain("Idempotency-Key");
  });

  it("turns away unknown and revoked keys with one answer", async () => {
    const { key, secret } = await createApiKey("old", admin);
    expect(await revokeApiKey(key.id, admin)).toBe(true);
    for (const token of [secret, "keel_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "nonsense"]) {
      const response = await upload(token, csv(5), "key-5");
      expect(response.status).toBe(401);
    }
    expect((await listAuditForSubject("api_key", key.id)).map((e) => e.action)).toEqual(["api_key.revoked", "api_key.created"]);
  });

  it("says why a file is rejected", async () => {
    const { secret } = await createApiKey("erp", admin);
    const response = await upload(secret, "", "key-empty");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "rejected:empty" } });
  });

  it("turns away a multipart form, saying how to send the file instead", async () => {
    const { secret } = await createApiKey("erp", admin);
    const form = new FormData();
    form.set("file", new Blob([csv(9)]), "po.csv");
    const response = await POST(
      new Request("http://keel.test/api/v1/documents", { method: "POST", headers: { authorization: `Bearer ${secret}`, "idempotency-key": "key-form" }, body: form }),
    );
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: "rejected:multipart", message: expect.stringContaining("X-Filename") as string } });
  });
});

describe("GET /api/v1/documents/:id", () => {
  it("returns the document's state, and 404 for another id", async () => {
    const { secret } = await createApiKey("erp", admin);
    const { id } = (await (await upload(secret, csv(6), "key-6")).json()) as { id: string };
    const get = (documentId: string) =>
      GET(new Request(`http://keel.test/api/v1/documents/${documentId}`, { headers: { authorization: `Bearer ${secret}` } }), {
        params: Promise.resolve({ documentId }),
      });
    const response = await get(id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: "received", fields: null, findings: [], decisions: [] });
    expect((await get("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
