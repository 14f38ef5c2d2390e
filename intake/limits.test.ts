import { Readable } from "node:stream";

import { describe, expect, it } from "vitest";

import { IntakeError } from "./errors";
import {
  checkAttachments,
  checkImagePixels,
  checkPdfPages,
  checkSize,
  checkZipExpansion,
  limitStream,
  readLimited,
  resolveLimits,
} from "./limits";
import { buildZip, xlsxLikeEntries } from "./testing/zip";

const MB = 1024 * 1024;

function webStream(
  chunks: number,
  chunkSize: number,
  pulled: { count: number; cancelled: boolean },
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count >= chunks) {
        controller.close();
        return;
      }
      pulled.count++;
      controller.enqueue(new Uint8Array(chunkSize));
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
}

async function caught(promise: Promise<unknown>): Promise<IntakeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("limitStream", () => {
  it("passes a stream under the limit through unchanged", async () => {
    const pulled = { count: 0, cancelled: false };
    expect((await readLimited(webStream(4, 1000, pulled), { maxBytes: 4000 })).byteLength).toBe(4000);
  });

  it("aborts a Web stream as soon as the limit is passed and cancels the source", async () => {
    const pulled = { count: 0, cancelled: false };
    const error = await caught(readLimited(webStream(1000, 64 * 1024, pulled), { maxBytes: MB }));
    expect(error.reason).toBe("too_large");
    expect(error.message).toBe("The file is larger than 1 MB, the limit. Split it or compress it and upload again.");
    expect(pulled.count).toBeLessThan(20);
    expect(pulled.cancelled).toBe(true);
  });

  it("aborts a Node stream as soon as the limit is passed and destroys the source", async () => {
    let produced = 0;
    const source = new Readable({
      read() {
        produced++;
        this.push(produced > 1000 ? null : Buffer.alloc(64 * 1024));
      },
    });
    const error = await caught(readLimited(source, { maxBytes: MB }));
    expect(error.reason).toBe("too_large");
    expect(produced).toBeLessThan(40);
    expect(source.destroyed).toBe(true);
  });

  it("refuses before reading when the declared size is over the limit", async () => {
    const pulled = { count: 0, cancelled: false };
    const error = await caught(readLimited(webStream(10, 10, pulled), { maxBytes: 25 * MB, declaredBytes: 31 * MB }));
    expect(error.message).toBe("The file is 31 MB; the limit is 25 MB. Split it or compress it and upload again.");
    expect(pulled.count).toBe(0);
  });

  it("returns a Node stream for a Node stream", () => {
    expect(limitStream(Readable.from([Buffer.alloc(1)]), { maxBytes: 10 })).toBeInstanceOf(Readable);
  });
});

describe("size, page and pixel checks", () => {
  it("says how large the file is and what the limit is", () => {
    expect(() => checkSize(31 * MB, { maxBytes: 25 * MB })).toThrow(
      "The file is 31 MB; the limit is 25 MB. Split it or compress it and upload again.",
    );
    expect(() => checkSize(25 * MB + 300_000, { maxBytes: 25 * MB })).toThrow(
      "The file is 25.3 MB; the limit is 25 MB.",
    );
    expect(() => checkSize(25 * MB, { maxBytes: 25 * MB })).not.toThrow();
  });

  it("rejects a PDF over the page limit", () => {
    expect(() => checkPdfPages(412, { maxPdfPages: 200 })).toThrow("The PDF has 412 pages; the limit is 200.");
  });

  it("rejects an image with too many pixels", () => {
    expect(() => checkImagePixels({ width: 30_000, height: 30_000 }, { maxImagePixels: 50_000_000 })).toThrow(
      IntakeError,
    );
  });
});

describe("checkZipExpansion", () => {
  it("passes a small XLSX-like zip and reports what it unpacks to", () => {
    const result = checkZipExpansion(buildZip(xlsxLikeEntries()));
    expect(result.entries).toHaveLength(3);
    expect(result.uncompressedBytes).toBeGreaterThan(0);
  });

  it("rejects huge declared uncompressed sizes before unpacking anything", () => {
    const bomb = buildZip(xlsxLikeEntries({ declaredSize: 0xfffffff0 }));
    const error = (() => {
      try {
        checkZipExpansion(bomb);
      } catch (e) {
        return e as IntakeError;
      }
    })();
    expect(error?.reason).toBe("decompression_bomb");
    expect(error?.message).toMatch(/declares that it unpacks to 4096 MB; the limit is 100 MB/);
  });

  it("catches a bomb that understates its sizes while unpacking", () => {
    const bomb = buildZip(xlsxLikeEntries({ data: new Uint8Array(8 * MB), declaredSize: 1000 }));
    expect(bomb.byteLength).toBeLessThan(20_000);
    expect(() => checkZipExpansion(bomb, { maxUncompressedBytes: 2 * MB, maxZipEntries: 100 })).toThrow(
      /unpacks to more than 2 MB/,
    );
  });

  it("rejects too many entries", () => {
    const many = buildZip(Array.from({ length: 20 }, (_, i) => ({ name: `xl/${i}.xml`, data: "x" })));
    expect(() => checkZipExpansion(many, { maxUncompressedBytes: MB, maxZipEntries: 10 })).toThrow(
      /holds 20 files inside; the limit is 10/,
    );
  });
});

describe("checkAttachments", () => {
  it("rejects too many attachments and too many bytes", () => {
    expect(() => checkAttachments([{ size: 1 }, { size: 1 }], { maxAttachments: 1, maxAttachmentBytes: MB })).toThrow(
      /2 attachments; the limit is 1/,
    );
    expect(() => checkAttachments([{ size: 2 * MB }], { maxAttachments: 5, maxAttachmentBytes: MB })).toThrow(
      "The email's attachments add up to 2 MB; the limit is 1 MB.",
    );
  });
});

describe("resolveLimits", () => {
  it("keeps a default for a limit given as undefined", () => {
    expect(resolveLimits({ maxBytes: undefined, maxPdfPages: 3 })).toMatchObject({ maxBytes: 25 * MB, maxPdfPages: 3 });
  });
});
