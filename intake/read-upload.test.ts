import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { IntakeError } from "@/intake/errors";

import { readUpload } from "./read-upload";

function formRequest(fileBytes: number): Request {
  const form = new FormData();
  form.set("note", "n".repeat(500));
  form.set("file", new Blob([new Uint8Array(fileBytes).fill(0x61)]), "a.txt");
  return new Request("http://keel.test/api/v1/documents", { method: "POST", body: form });
}

describe("readUpload", () => {
  it("holds a form's file to the limit, not the form around it", async () => {
    const upload = await readUpload(formRequest(1000), 1000);
    expect(upload).toMatchObject({ filename: "a.txt" });
    expect(upload.bytes.byteLength).toBe(1000);
    const error = await readUpload(formRequest(1001), 1000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({
      code: "too_large",
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
});
