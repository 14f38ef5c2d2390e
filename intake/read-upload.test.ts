import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { IntakeError } from "@/intake/errors";

import { readUpload, readUploadFile } from "./read-upload";

function formRequest(fileBytes: number): Request {
  const form = new FormData();
  form.set("note", "n".repeat(500));
  form.set("file", new Blob([new Uint8Array(fileBytes).fill(0x61)]), "a.txt");
  return new Request("http://keel.test/api/v1/documents", { method: "POST", body: form });
}

describe("readUpload", () => {
  it("holds a form's file to the limit, not the form around it", async () => {
    const upload = await readUpload(formRequest(1000), { maxBytes: 1000 });
    expect(upload).toMatchObject({ filename: "a.txt" });
    expect(upload.bytes.byteLength).toBe(1000);
    const error = await readUpload(formRequest(1001), { maxBytes: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({
      reason: "too_large",
      message: "The file is larger than 1000 bytes, the limit. Split it or compress it and upload again.",
    });
  });

  it("gathers a file that arrives in many small chunks intact", async () => {
    const content = randomBytes(300_000);
    const form = new FormData();
    form.set("file", new Blob([content]), "scan.bin");
    const encoded = new Response(form);
    const body = new Uint8Array(await encoded.arrayBuffer());
    let at = 0;
    const trickle = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= body.length) controller.close();
        else controller.enqueue(body.subarray(at, (at += 997)));
      },
    });
    const request = new Request("http://keel.test/api/v1/documents", {
      method: "POST",
      headers: { "content-type": encoded.headers.get("content-type") ?? "" },
      body: trickle,
      duplex: "half",
    } as RequestInit);
    const upload = await readUpload(request);
    expect(Buffer.from(upload.bytes).equals(content)).toBe(true);
  });

  it("reads what the browser sends as the file, under its percent-decoded name, even a multipart-looking body", async () => {
    const request = (name: string) =>
      new Request("http://keel.test/api/documents?filename=ignored.txt", {
        method: "POST",
        headers: { "x-filename": name, "content-type": "multipart/form-data; boundary=x" },
        body: "--x\r\n",
      });
    expect(await readUpload(request(encodeURIComponent("Rechnung März.pdf")), { client: "browser" })).toMatchObject({
      filename: "Rechnung März.pdf",
      bytes: new TextEncoder().encode("--x\r\n"),
    });
    expect(await readUpload(request("100%.pdf"), { client: "browser" })).toMatchObject({ filename: "100%.pdf" });
  });

  it("takes an API caller's X-Filename as sent, or ?filename= without one", async () => {
    const raw = (headers: Record<string, string>) =>
      new Request("http://keel.test/api/v1/documents?filename=q.csv", { method: "POST", headers, body: "a,b\n" });
    expect((await readUpload(raw({ "x-filename": "a%20b.csv" }))).filename).toBe("a%20b.csv");
    expect((await readUpload(raw({}))).filename).toBe("q.csv");
  });
});

describe("readUploadFile", () => {
  it("reads a file under the same limit, named after it, and says what is wrong with a path that is not one", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "keel-read-upload-"));
    try {
      await writeFile(path.join(dir, "po.csv"), "a".repeat(1000));
      const upload = await readUploadFile(path.join(dir, "po.csv"), { maxBytes: 1000 });
      expect(upload).toMatchObject({ filename: "po.csv" });
      expect(upload.bytes.byteLength).toBe(1000);
      await expect(readUploadFile(path.join(dir, "po.csv"), { maxBytes: 999 })).rejects.toMatchObject({
        code: "rejected:too_large",
        message: "The file is 1000 bytes; the limit is 999 bytes. Split it or compress it and upload again.",
      });
      await expect(readUploadFile(path.join(dir, "missing.pdf"))).rejects.toMatchObject({ code: "not_found:file" });
      await expect(readUploadFile(dir)).rejects.toMatchObject({ code: "invalid:file" });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
