import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { textPdf, invoiceLines } from "@/ai/text/testing/documents";
import { createDocument, type CreateDocumentResult } from "@/db/queries/documents";
import { getSessionVersion } from "@/db/queries/users";
import { workerBundleFile } from "@/lib/deploy/worker-bundle";

import { withKeelDatabase } from "../setup/keel-database";
import { makeUser } from "../factories/users";
import { isolatedEnv, root } from "./trace";

const keelDatabase = withKeelDatabase();
const secret = "standalone-test-secret-at-least-32-characters";
const cookieName = "authjs.session-token";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Polls until the server answers, or fails with what it printed when it exits or takes too long. */
async function waitForServer(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server.js exited (${String(server.exitCode)}):\n${output()}`);
    const answered = await fetch(url).then(
      () => true,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server.js did not answer within 90 s:\n${output()}`);
}

/**
 * What the Dockerfile ships: `.next/standalone` with the static files beside it, copied out of the repository so
 * nothing above it resolves, started with `node server.js` and only environment variables.
 */
describe("the standalone server, copied out of the repository", () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let output = "";

  beforeAll(async () => {
    const standalone = path.join(root, ".next", "standalone");
    if (!fs.existsSync(path.join(standalone, "server.js")))
      throw new Error("No .next/standalone/server.js: build with `KEEL_STANDALONE=1 npm run build` first.");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keel-standalone-"));
    fs.cpSync(standalone, dir, { recursive: true, dereference: true });
    fs.cpSync(path.join(root, ".next", "static"), path.join(dir, ".next", "static"), { recursive: true });
    if (fs.existsSync(path.join(root, "public")))
      fs.cpSync(path.join(root, "public"), path.join(dir, "public"), { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${String(port)}`;
    server = spawn(process.execPath, ["server.js"], {
      cwd: dir,
      env: isolatedEnv(dir, {
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: keelDatabase().url,
        AUTH_SECRET: secret,
        AUTH_URL: base,
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    await waitForServer(`${base}/login`, server, () => output);
  });

  afterAll(() => {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("holds the reader bundle, and neither the TypeScript sources nor tsx", () => {
    expect(fs.existsSync(path.join(dir, workerBundleFile))).toBe(true);
    expect(fs.existsSync(path.join(dir, "ai", "sandbox", "worker.ts"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "node_modules", "tsx"))).toBe(false);
  });

  it("answers /login with 200", async () => {
    const response = await fetch(`${base}/login`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Keel");
  });

  it("renders a PDF page through the document reader for a signed-in operator", async () => {
    const user = await makeUser({ role: "operator" });
    const pdf = Buffer.from(await textPdf([invoiceLines.map((line) => ({ ...line, y: line.y / 3 }))]));
    const { document }: CreateDocumentResult = await createDocument(
      { bytes: pdf, filename: "invoice.pdf", kind: "pdf", mediaType: "application/pdf", source: "upload" },
      { id: user.id, label: user.email },
    );
    const sv = await getSessionVersion(user.id);
    const session = await encode({
      token: { sub: user.id, email: user.email, name: user.name, sv },
      secret,
      salt: cookieName,
    });
    const response = await fetch(`${base}/api/documents/${document.id}/pages/1`, {
      headers: { cookie: `${cookieName}=${session}` },
    });
    expect(response.status, output).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
