import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDocumentPool } from "@/ai/sandbox";
import { textPdf, textPng } from "@/ai/text/testing/documents";
import { GET } from "@/app/api/documents/[documentId]/pages/[page]/route";
import { createDocument } from "@/db/queries/documents";
import type { Document, User } from "@/db/schema";
import type { DocumentKind } from "@/domain/documents/kinds";
import { imageSize } from "@/intake/image-size";
import { AppError } from "@/lib/errors";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

// The signed-in person, set per test: these tests are about the route, not about Auth.js.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/services/auth/session", () => ({
  authorize: () => (session.user ? Promise.resolve(session.user) : Promise.reject(new AppError("unauthenticated"))),
}));

withKeelDatabase();
afterAll(closeDocumentPool);

let pdf: Document;
let png: Document;
let csv: Document;

async function store(bytes: Uint8Array, kind: DocumentKind, mediaType: string): Promise<Document> {
  const { document } = await createDocument(
    {
      bytes: Buffer.from(bytes),
      filename: `page-view-${crypto.randomUUID()}.${kind}`,
      kind,
      mediaType,
      source: "upload",
      uploadedBy: null,
      apiKeyId: null,
      parentDocumentId: null,
    },
    { id: null, label: "test" },
  );
  return document;
}

beforeAll(async () => {
  session.user = await makeUser({ role: "approver" });
  pdf = await store(
    await textPdf([[{ text: "INVOICE 4711", x: 60, y: 80 }], [{ text: "Total 120.00 EUR", x: 60, y: 80 }]]),
    "pdf",
    "application/pdf",
  );
  png = await store(textPng([{ text: "INVOICE 4712", x: 100, y: 200 }], 400, 300), "png", "image/png");
  csv = await store(new TextEncoder().encode(`PO Number,Vendor\nPO-${crypto.randomUUID()},ACME\n`), "csv", "text/csv");
});

const get = (documentId: string, page: string, headers: Record<string, string> = {}) =>
  GET(new Request(`http://keel.test/api/documents/${documentId}/pages/${page}`, { headers }), {
    params: Promise.resolve({ documentId, page }),
  });

describe("GET /api/documents/[documentId]/pages/[page], the page viewer's images", () => {
  it("renders a PDF page to a PNG 1600 pixels across, cached for good under an ETag", async () => {
    const response = await get(pdf.id, "2");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A4 is 595 × 842 points: the same shape at 1600 pixels across.
    expect(imageSize(bytes)).toEqual({ width: 1600, height: 2264 });

    const again = await get(pdf.id, "2", { "if-none-match": response.headers.get("etag") ?? "" });
    expect(again.status).toBe(304);
    expect(await again.arrayBuffer()).toHaveProperty("byteLength", 0);
  });

  it("answers a scan with the image as uploaded", async () => {
    const response = await get(png.id, "1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(imageSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 400, height: 300 });
  });

  it("answers 404 with a sentence for a page the document does not have", async () => {
    const beyond = await get(pdf.id, "3");
    expect(beyond.status).toBe(404);
    expect(await beyond.json()).toEqual({
      error: { code: "not_found:page", message: "This document has 2 pages; there is no page 3." },
    });
    expect((await get(png.id, "2")).status).toBe(404);
    expect((await get(pdf.id, "0")).status).toBe(404);
    expect((await get(pdf.id, "x")).status).toBe(404);
  });

  it("answers 404 for a document that does not exist", async () => {
    const response = await get(crypto.randomUUID(), "1");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found:document" } });
  });

  it("says a CSV has no pages and where its text is", async () => {
    const response = await get(csv.id, "1");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        code: "not_found:page",
        message: "This document is CSV, which has no pages to show; its text is on the Text tab.",
      },
    });
  });

  it("turns away someone who is not signed in, before reading anything", async () => {
    const signedIn = session.user;
    session.user = null;
    try {
      const response = await get(pdf.id, "1");
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toContain("application/json");
    } finally {
      session.user = signedIn;
    }
  });
});
