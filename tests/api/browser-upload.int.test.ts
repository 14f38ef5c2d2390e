import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/documents/route";
import { getDocumentById } from "@/db/queries/documents";
import type { User } from "@/db/schema";
import { documentReceivedId } from "@/services/events/catalog";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

// The signed-in person and the events the upload sends, caught here: these tests are about the route.
const session = vi.hoisted(() => ({ user: null as User | null, sent: [] as { id?: string; data: unknown }[] }));
vi.mock("@/services/auth/session", () => ({ authorize: () => Promise.resolve(session.user) }));
vi.mock("@/services/events/send", () => ({
  sendEvents: (payload: { id?: string; data: unknown }) => {
    session.sent.push(payload);
    return Promise.resolve();
  },
}));

withKeelDatabase();

beforeAll(async () => {
  session.user = await makeUser({ role: "operator" });
});

const post = (body: BodyInit, filename: string) =>
  POST(
    new Request("http://keel.test/api/documents", {
      method: "POST",
      headers: { host: "keel.test", "x-filename": filename },
      body,
      duplex: "half",
    } as RequestInit),
  );

describe("POST /api/documents, the browser's upload", () => {
  it("stores the raw body under the name the page percent-encoded, starts its run, and answers a repeat as a duplicate", async () => {
    const csv = "PO Number,Vendor,Item,Qty,Unit Price\nPO-77,ACME,Hose,12,42.50\n";
    const created = await post(csv, encodeURIComponent("Bestellung März.csv"));
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string };
    expect(body).toEqual({ id: body.id, filename: "Bestellung März.csv", status: "received", duplicate: false });
    expect(await getDocumentById(body.id)).toMatchObject({
      source: "upload",
      uploadedBy: session.user?.id,
      kind: "csv",
    });
    expect(session.sent).toEqual([
      expect.objectContaining({ id: documentReceivedId(body.id), data: { documentId: body.id } }),
    ]);

    const repeat = await post(csv, "copy.csv");
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ id: body.id, duplicate: true });
    expect(session.sent).toHaveLength(1);
  });

  it("answers a file intake refuses with its code, status and sentence", async () => {
    const empty = await post("", "empty.pdf");
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({
      error: {
        code: "rejected:empty",
        message: "The file is empty (0 bytes). Check that it saved correctly and upload it again.",
      },
    });
  });

  it("stops reading a body past the size limit and answers 413", async () => {
    const MB = 1024 * 1024;
    const source = { pulled: 0 };
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        source.pulled++;
        if (source.pulled <= 40) controller.enqueue(new Uint8Array(MB).fill(0x20));
        else controller.close();
      },
    });
    const response = await post(huge, "huge.csv");
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: {
        code: "rejected:too_large",
        message: "The file is larger than 25 MB, the limit. Split it or compress it and upload again.",
      },
    });
    expect(source.pulled).toBeLessThan(30);
  });
});
