import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { getDocumentById, listDocuments } from "@/db/queries/documents";
import { readOriginal } from "@/services/documents/read";
import { documentReceivedId } from "@/services/events/catalog";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

const database = withKeelDatabase();
const exec = promisify(execFile);

type SentEvent = { name: string; id?: string; data: { documentId: string } };

/** Stands in for the engine's event API, so the test sees the event that starts the document's run. */
const engine: { url: string; events: SentEvent[]; close: () => Promise<void> } = {
  url: "",
  events: [],
  close: () => Promise.resolve(),
};
let dir = "";

beforeAll(async () => {
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const sent = JSON.parse(body) as SentEvent | SentEvent[];
      const events = Array.isArray(sent) ? sent : [sent];
      engine.events.push(...events);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ids: events.map((_, i) => `evt-${String(i)}`), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  engine.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  engine.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  dir = await mkdtemp(path.join(os.tmpdir(), "keel-cli-upload-"));
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function keel(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/keel.ts", ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: database().url,
          LOG_LEVEL: "silent",
          INNGEST_BASE_URL: engine.url,
          INNGEST_EVENT_KEY: "cli-test",
        },
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const invoice = "Invoice INV-4471\nACME Hoses GmbH\nTotal 512.50 EUR\n";

describe("npm run keel -- upload", () => {
  it("takes a file as the browser does: stored as uploaded by --as, its run started once, a second upload a duplicate", async () => {
    const user = await makeUser({ role: "operator" });
    const file = path.join(dir, "invoice 4471.txt");
    await writeFile(file, invoice);

    const first = await keel("upload", file, "--as", user.email.toUpperCase());
    expect(first.code).toBe(0);
    const id = /as document ([0-9a-f-]{36})/.exec(first.out)?.[1] ?? "";
    const document = await getDocumentById(id);
    expect(document).toMatchObject({
      filename: "invoice 4471.txt",
      source: "upload",
      uploadedBy: user.id,
      kind: "text",
      status: "received",
    });
    expect((await readOriginal(id))?.bytes.toString("utf8")).toBe(invoice);
    expect((await listAuditForSubject("document", id))[0]?.actorLabel).toBe(user.email);
    expect(engine.events).toEqual([
      expect.objectContaining({ name: "keel/document.received", id: documentReceivedId(id), data: { documentId: id } }),
    ]);

    const again = await keel("upload", file);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`is already document ${id}`);
    expect(engine.events).toHaveLength(1);
  });

  it("refuses a file intake refuses, with the same sentence an upload gets, and stores nothing", async () => {
    const empty = path.join(dir, "empty.pdf");
    await writeFile(empty, "");
    const before = (await listDocuments({})).documents.length;
    const { code, out } = await keel("upload", empty);
    expect(code).toBe(1);
    expect(out).toContain("The file is empty (0 bytes). Check that it saved correctly and upload it again.");
    expect((await listDocuments({})).documents).toHaveLength(before);
  });

  it("says what is wrong with the path or the user instead of failing a query", async () => {
    const missing = await keel("upload", path.join(dir, "nope.pdf"));
    expect(missing).toMatchObject({ code: 1, out: expect.stringContaining("There is no file at") as string });
    const stranger = await keel("upload", path.join(dir, "invoice 4471.txt"), "--as", "nobody@example.test");
    expect(stranger).toMatchObject({
      code: 1,
      out: expect.stringContaining("--as: no user has the email nobody@example.test") as string,
    });
  });
});
