import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDocumentPool } from "@/ai/sandbox";
import { textPdf } from "@/ai/text/testing/documents";
import { GET as getOriginal } from "@/app/api/documents/[documentId]/original/route";
import { GET as getPage } from "@/app/api/documents/[documentId]/pages/[page]/route";
import { createDocument } from "@/db/queries/documents";
import { blobs, documentBlobs, type User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { originalKey } from "@/services/documents/originals";
import { readOriginal } from "@/services/documents/read";
import { receiveDocument } from "@/services/documents/receive";
import { s3Store } from "@/services/storage/s3-store";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { restoreStorage, useStorage, withS3Server } from "./s3-server";

// These tests are about where the bytes go, not the pipeline: the run's event is caught, not sent.
vi.mock("@/services/events/send", () => ({ sendEvents: () => Promise.resolve() }));
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/services/auth/session", () => ({
  authorize: () => (session.user ? Promise.resolve(session.user) : Promise.reject(new AppError("unauthenticated"))),
}));

const database = withKeelDatabase();
const s3 = withS3Server("keel-originals");
const actor = { id: null, label: "storage test" };

beforeAll(async () => {
  session.user = await makeUser({ role: "approver" });
});
afterAll(closeDocumentPool);

const note = () => Buffer.from(`Invoice ${randomBytes(8).toString("hex")}\nTotal 12.00 EUR\n`);
const receive = (bytes: Buffer, filename = "note.txt") =>
  receiveDocument({ bytes: new Uint8Array(bytes), filename, source: "upload", actor });

describe("originals in the default Postgres store", () => {
  it("are kept under their hash in the blobs table, not beside the row, and read back", async () => {
    const bytes = note();
    const { document } = await receive(bytes);
    const [stored] = await database()
      .db.select()
      .from(blobs)
      .where(eq(blobs.key, originalKey(document.sha256)));
    expect(stored?.bytes.equals(bytes)).toBe(true);
    expect(stored?.contentType).toBe("text/plain");
    expect(await database().db.select().from(documentBlobs).where(eq(documentBlobs.documentId, document.id))).toEqual(
      [],
    );
    expect((await readOriginal(document.id))?.bytes.equals(bytes)).toBe(true);
  });

  it("are one object for the same bytes received twice", async () => {
    const bytes = note();
    const first = await receive(bytes, "first.txt");
    const again = await receive(bytes, "again.txt");
    expect(again).toMatchObject({ duplicate: true, document: { id: first.document.id } });
    const rows = await database()
      .db.select()
      .from(blobs)
      .where(eq(blobs.key, originalKey(first.document.sha256)));
    expect(rows).toHaveLength(1);
  });

  it("are still read from document_blobs for documents stored there before the blob store", async () => {
    const bytes = note();
    const { document } = await createDocument(
      { bytes, filename: "older.txt", kind: "text", mediaType: "text/plain", source: "upload" },
      actor,
    );
    expect((await readOriginal(document.id))?.bytes.equals(bytes)).toBe(true);
  });
});

describe("originals in an S3 bucket (KEEL_STORAGE=s3)", () => {
  beforeAll(() => {
    useStorage("s3", s3());
  });
  afterAll(restoreStorage);

  it("are put in the bucket, none in Postgres, and served back byte for byte with their page rendered", async () => {
    const pdf = Buffer.from(await textPdf([[{ text: `INVOICE ${randomBytes(4).toString("hex")}`, x: 60, y: 80 }]]));
    const { document } = await receive(pdf, "scan.pdf");

    const bucket = s3Store(s3());
    expect((await bucket.get(originalKey(document.sha256)))?.equals(pdf)).toBe(true);
    expect(await bucket.head(originalKey(document.sha256))).toEqual({
      size: pdf.length,
      contentType: "application/pdf",
    });
    expect(
      await database()
        .db.select()
        .from(blobs)
        .where(eq(blobs.key, originalKey(document.sha256))),
    ).toEqual([]);
    expect(await database().db.select().from(documentBlobs).where(eq(documentBlobs.documentId, document.id))).toEqual(
      [],
    );

    const params = Promise.resolve({ documentId: document.id });
    const original = await getOriginal(new Request(`http://keel.test/api/documents/${document.id}/original`), {
      params,
    });
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await original.arrayBuffer()).equals(pdf)).toBe(true);

    const page = await getPage(new Request(`http://keel.test/api/documents/${document.id}/pages/1`), {
      params: Promise.resolve({ documentId: document.id, page: "1" }),
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("image/png");
  });

  it("answers a document whose object is gone from the bucket as not found", async () => {
    const { document } = await receive(note());
    await s3Store(s3()).delete(originalKey(document.sha256));
    expect(await readOriginal(document.id)).toBeUndefined();
  });
});
