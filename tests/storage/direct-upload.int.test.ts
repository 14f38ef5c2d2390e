import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { textPdf } from "@/ai/text/testing/documents";
import { POST as start } from "@/app/api/uploads/route";
import { POST as complete } from "@/app/api/uploads/[uploadId]/complete/route";
import { createApiKey } from "@/db/queries/api-keys";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { originalKey } from "@/services/documents/originals";
import { deleteAbandonedUploads, type DirectUploadTicket } from "@/services/documents/direct-upload";
import { readOriginal } from "@/services/documents/read";
import { s3Store } from "@/services/storage/s3-store";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { restoreStorage, useStorage, withS3Server } from "./s3-server";

vi.mock("@/services/events/send", () => ({ sendEvents: () => Promise.resolve() }));
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/services/auth/session", () => ({
  authorize: () => (session.user ? Promise.resolve(session.user) : Promise.reject(new AppError("unauthenticated"))),
}));

withKeelDatabase();
const s3 = withS3Server("keel-uploads");
const admin = { id: null, label: "test admin" };
let key = "";

beforeAll(async () => {
  session.user = await makeUser({ role: "operator" });
  key = (await createApiKey("bucket uploads", admin)).secret;
  useStorage("s3", s3());
});
afterAll(restoreStorage);

const hash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const bearer = (secret = key) => ({ authorization: `Bearer ${secret}` });

async function announce(body: unknown, headers: Record<string, string> = bearer()) {
  return start(
    new Request("http://keel.test/api/uploads", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

async function finish(uploadId: string, headers: Record<string, string> = bearer()) {
  return complete(new Request(`http://keel.test/api/uploads/${uploadId}/complete`, { method: "POST", headers }), {
    params: Promise.resolve({ uploadId }),
  });
}

async function ticketFor(
  bytes: Uint8Array,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = bearer(),
) {
  const response = await announce(
    { filename: "scan.pdf", size: bytes.length, contentType: "application/pdf", sha256: hash(bytes), ...overrides },
    headers,
  );
  expect(response.status).toBe(201);
  return (await response.json()) as DirectUploadTicket;
}

async function put(ticket: DirectUploadTicket, bytes: Uint8Array) {
  const answer = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: Buffer.from(bytes) });
  expect(answer.status).toBe(200);
}

const pdf = async () => textPdf([[{ text: `INVOICE ${randomBytes(4).toString("hex")}`, x: 60, y: 80 }]]);
const errorOf = async (response: Response) => ((await response.json()) as { error: { message: string } }).error;

describe("the two-step upload through the bucket", () => {
  it("takes a file PUT to the signed URL as a document, its original in the bucket, and completes once", async () => {
    const bytes = await pdf();
    const ticket = await ticketFor(bytes);
    expect(ticket.completeUrl).toBe(`/api/uploads/${ticket.uploadId}/complete`);
    expect(new Date(ticket.expiresAt).getTime()).toBeGreaterThan(Date.now());
    await put(ticket, bytes);

    const done = await finish(ticket.uploadId);
    expect(done.status).toBe(201);
    const document = (await done.json()) as { id: string; filename: string; duplicate: boolean; url: string };
    expect(document).toMatchObject({ filename: "scan.pdf", duplicate: false, url: `/api/v1/documents/${document.id}` });
    expect((await readOriginal(document.id))?.bytes.equals(Buffer.from(bytes))).toBe(true);
    const bucket = s3Store(s3());
    expect(await bucket.head(originalKey(hash(bytes)))).toEqual({ size: bytes.length, contentType: "application/pdf" });
    expect(await bucket.head(`uploads/${ticket.uploadId}`)).toBeNull();

    const again = await finish(ticket.uploadId);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: document.id, duplicate: true });
  });

  it("takes a file over the 25 MB a direct upload may carry, up to KEEL_BUCKET_UPLOAD_MAX_MB", async () => {
    const head = await pdf();
    // A PDF padded after its end: readers ignore what follows %%EOF, and the size is what this test is about.
    const bytes = Buffer.concat([Buffer.from(head), Buffer.alloc(26 * 1024 * 1024 - head.length, 0x0a)]);
    const ticket = await ticketFor(bytes, { contentType: "application/octet-stream" });
    await put(ticket, bytes);
    const done = await finish(ticket.uploadId);
    expect(done.status).toBe(201);
    const { id } = (await done.json()) as { id: string };
    expect((await readOriginal(id))?.document.sizeBytes).toBe(26 * 1024 * 1024);
    // Copied inside the bucket, under the type sniffed from the bytes rather than the one the browser announced.
    expect(await s3Store(s3()).head(originalKey(hash(bytes)))).toEqual({
      size: 26 * 1024 * 1024,
      contentType: "application/pdf",
    });
  });

  it("works for the signed-in person as for an API key", async () => {
    const bytes = await pdf();
    const ticket = await ticketFor(bytes, {}, {});
    await put(ticket, bytes);
    const done = await finish(ticket.uploadId, {});
    expect(done.status).toBe(201);
    expect(await done.json()).not.toHaveProperty("url");
  });

  it("refuses stored bytes whose hash is not the one announced, and drops them", async () => {
    const bytes = await pdf();
    const other = await pdf();
    const ticket = await ticketFor(bytes, { sha256: hash(other) });
    await put(ticket, bytes);
    const refused = await finish(ticket.uploadId);
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).message).toMatch(/SHA-256 is not the one announced.*Start a new upload/);
    expect(await s3Store(s3()).head(`uploads/${ticket.uploadId}`)).toBeNull();
  });

  it("refuses a file whose bytes are not a type Keel reads, whatever type was announced", async () => {
    const bytes = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    const ticket = await ticketFor(bytes, { filename: "invoice.pdf" });
    await put(ticket, bytes);
    const refused = await finish(ticket.uploadId);
    expect(refused.status).toBe(415);
  });

  it("says to PUT the file first when completing before it is in the bucket", async () => {
    const ticket = await ticketFor(await pdf());
    const early = await finish(ticket.uploadId);
    expect(early.status).toBe(409);
    expect((await errorOf(early)).message).toMatch(/not reached storage yet\. PUT it to the upload URL first/);
  });

  it("lets no other key complete someone's upload", async () => {
    const bytes = await pdf();
    const ticket = await ticketFor(bytes);
    await put(ticket, bytes);
    const { secret } = await createApiKey("another system", admin);
    expect((await finish(ticket.uploadId, bearer(secret))).status).toBe(404);
    expect((await finish(ticket.uploadId, {})).status).toBe(404);
    expect((await finish("not-an-id")).status).toBe(404);
  });

  it("refuses a description it cannot use, naming the field and what to send", async () => {
    const tooBig = await announce({
      filename: "huge.pdf",
      size: 150 * 1024 * 1024,
      contentType: "application/pdf",
      sha256: "a".repeat(64),
    });
    expect(tooBig.status).toBe(413);
    expect((await errorOf(tooBig)).message).toBe(
      "The file is 150 MB; the limit is 100 MB. Split it or compress it and upload again.",
    );
    const wrong = await announce({ filename: "", size: 1.5, contentType: "pdf", sha256: "xyz" });
    expect(wrong.status).toBe(422);
    expect((await errorOf(wrong)).message).toBe(
      "filename: Give the file's name. size: Give the size in whole bytes. contentType: Give the file's type, like application/pdf (application/octet-stream if unknown). sha256: Give the file's SHA-256 as 64 hexadecimal characters.",
    );
    const notJson = await announce("scan.pdf");
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).message).toMatch(/^Send the file's description as JSON, such as/);
    expect((await announce({}, bearer("keel_wrong"))).status).toBe(401);
  });

  it("drops an upload nobody completed an hour after its URL expired, bytes and record", async () => {
    const bytes = await pdf();
    const neverSent = await ticketFor(bytes);
    const abandoned = await ticketFor(await pdf());
    await put(abandoned, await pdf());
    const expired = new Date(abandoned.expiresAt).getTime();

    expect((await deleteAbandonedUploads(new Date(expired + 59 * 60_000))).dropped).toBe(0);
    const { dropped } = await deleteAbandonedUploads(new Date(expired + 61 * 60_000));
    expect(dropped).toBeGreaterThanOrEqual(2);
    expect(await s3Store(s3()).head(`uploads/${abandoned.uploadId}`)).toBeNull();
    const gone = await finish(abandoned.uploadId);
    expect(gone.status).toBe(404);
    expect((await errorOf(gone)).message).toBe("This upload does not exist or is not yours. Start a new one.");
    expect((await finish(neverSent.uploadId)).status).toBe(404);
  });

  it("is refused with what to do instead when files are kept in Postgres", async () => {
    useStorage("postgres", s3());
    try {
      const bytes = await pdf();
      const response = await announce({
        filename: "a.pdf",
        size: bytes.length,
        contentType: "application/pdf",
        sha256: hash(bytes),
      });
      expect(response.status).toBe(409);
      expect((await errorOf(response)).message).toMatch(/send the file itself to POST \/api\/documents/);
    } finally {
      useStorage("s3", s3());
    }
  });
});
