import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/documents/route";
import { db } from "@/db/index";
import { createApiKey } from "@/db/queries/api-keys";
import { apiIdempotency, documents } from "@/db/schema";
import { receiveDocument } from "@/services/documents/receive";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();
const admin = { id: null, label: "test admin" };
const run = Math.random().toString(36).slice(2);
const csv = (n: number) => `PO Number,Vendor,Item,Qty,Unit Price\nPO-${run}-${String(n)},ACME,Hose,12,42.50\n`;

function upload(secret: string, body: string, idempotencyKey: string) {
  return POST(
    new Request("http://keel.test/api/v1/documents", {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "x-filename": "po.csv", "idempotency-key": idempotencyKey },
      body,
    }),
  );
}

const documentsOfKey = (apiKeyId: string) =>
  db().select({ id: documents.id }).from(documents).where(eq(documents.apiKeyId, apiKeyId));

describe("concurrent requests under one Idempotency-Key", () => {
  it("five different bodies at once create one document: one 201, four 409", async () => {
    const { key, secret } = await createApiKey("erp", admin);
    const responses = await Promise.all([1, 2, 3, 4, 5].map((n) => upload(secret, csv(100 + n), "same-key")));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await documentsOfKey(key.id)).toHaveLength(1);
  });

  it("five identical bodies at once create one document and all answer as its creation", async () => {
    const { key, secret } = await createApiKey("erp", admin);
    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => upload(secret, csv(200), "same-body")));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { id: string; duplicate: boolean }[];
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies.every((b) => !b.duplicate)).toBe(true);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(4);
    expect(await documentsOfKey(key.id)).toHaveLength(1);
  });

  it("identical bodies under different keys at once make one document, and exactly one answer says it is new", async () => {
    const { secret } = await createApiKey("erp", admin);
    const responses = await Promise.all([1, 2, 3, 4, 5].map((n) => upload(secret, csv(300), `key-${String(n)}`)));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { id: string; duplicate: boolean }[];
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
  });

  it("identical files received at once without any key make one document, and exactly one is not a duplicate", async () => {
    const bytes = new TextEncoder().encode(csv(500));
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => receiveDocument({ bytes, filename: "po.csv", source: "upload", actor: admin })),
    );
    expect(new Set(results.map((r) => r.document.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });

  it("a reservation left by a request that died is taken over once stale, and a fresh one is waited for", async () => {
    const { key, secret } = await createApiKey("erp", admin);
    await db()
      .insert(apiIdempotency)
      .values({ apiKeyId: key.id, key: "dead", requestHash: "x", createdAt: new Date(Date.now() - 10 * 60_000) });
    expect((await upload(secret, csv(400), "dead")).status).toBe(201);

    const hash = createHash("sha256").update("po.csv").update("\0").update(csv(401)).digest("hex");
    await db().insert(apiIdempotency).values({ apiKeyId: key.id, key: "slow", requestHash: hash });
    const waiting = upload(secret, csv(401), "slow");
    const body = { id: "00000000-0000-4000-8000-000000000001", duplicate: false };
    await db()
      .update(apiIdempotency)
      .set({ status: 201, body })
      .where(and(eq(apiIdempotency.apiKeyId, key.id), eq(apiIdempotency.key, "slow")));
    const answer = await waiting;
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual(body);
  });

  it("a request with another body is refused at once while the first still runs", async () => {
    const { key, secret } = await createApiKey("erp", admin);
    await db().insert(apiIdempotency).values({ apiKeyId: key.id, key: "running", requestHash: "another request" });
    expect((await upload(secret, csv(402), "running")).status).toBe(409);
  });
});
