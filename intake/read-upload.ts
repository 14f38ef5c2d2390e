import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

import { defaultIntakeLimits, limitStream, readLimited, tooLarge } from "@/intake/limits";
import { isMultipartForm, multipartBoundary, MultipartParser, MultipartSyntaxError } from "@/intake/multipart";
import { AppError } from "@/lib/errors";

/** A file as it arrived, before any check but its size: `acceptUpload` (intake/accept.ts) decides whether Keel takes it. */
export type Upload = { filename: string; bytes: Uint8Array };

export type ReadUploadOptions = {
  maxBytes?: number;
  /**
   * Who sends the request. "api" (the default): the raw body named by X-Filename as sent or ?filename=, or a
   * multipart form. "browser": Keel's own page, which always sends the raw bytes and percent-encodes X-Filename,
   * since a header carries only ASCII.
   */
  client?: "api" | "browser";
};

// Room around the file for the boundaries, the part headers and a few small text fields.
const formOverhead = 64 * 1024;
const curlExample = "curl: -F file=@invoice.pdf";

/**
 * The file an HTTP request carries: the raw body named by X-Filename (or ?filename=), or the `file` field of a
 * multipart/form-data body. Either is held to the size limit while it streams, and an oversized one stops being
 * read at the limit. Throws IntakeError `too_large`, and AppError for a form Keel cannot take.
 */
export async function readUpload(request: Request, options: ReadUploadOptions = {}): Promise<Upload> {
  const { maxBytes = defaultIntakeLimits.maxBytes, client = "api" } = options;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const declaredBytes = Number.isFinite(declared) ? { declaredBytes: declared } : {};
  const contentType = request.headers.get("content-type");
  if (client === "browser" || !isMultipartForm(contentType)) {
    const filename =
      client === "browser"
        ? decodeFilename(request.headers.get("x-filename"))
        : (request.headers.get("x-filename") ?? new URL(request.url).searchParams.get("filename") ?? "");
    const bytes = request.body ? await readLimited(request.body, { maxBytes, ...declaredBytes }) : new Uint8Array();
    return { filename, bytes };
  }
  const boundary = multipartBoundary(contentType ?? "");
  if (!boundary) {
    throw new AppError(
      "bad_request:multipart_boundary",
      `The Content-Type is multipart/form-data but has no valid boundary, so the form cannot be read. Do not set Content-Type by hand: let your HTTP client build the form and its header (${curlExample}; fetch: a FormData body).`,
    );
  }
  const body = request.body
    ? limitStream(request.body, { maxBytes: maxBytes + formOverhead, ...declaredBytes })
    : new Blob().stream();
  try {
    return await readFileField(body as unknown as AsyncIterable<Uint8Array>, boundary, maxBytes);
  } catch (error) {
    if (!(error instanceof MultipartSyntaxError)) throw error;
    throw new AppError(
      "bad_request:multipart_body",
      `The multipart form cannot be read: ${error.message}. Let your HTTP client build the form (${curlExample}), or send the file's own bytes as the body with its name in an X-Filename header.`,
    );
  }
}

/**
 * The file at `filePath` (the CLI's upload), held to the same size limit while it is read, and named after the
 * file. Throws IntakeError `too_large`, and AppError, with a sentence, for a path that is not a readable file.
 */
export async function readUploadFile(
  filePath: string,
  options: Pick<ReadUploadOptions, "maxBytes"> = {},
): Promise<Upload> {
  const { maxBytes = defaultIntakeLimits.maxBytes } = options;
  try {
    const { size } = await stat(filePath);
    const bytes = await readLimited(createReadStream(filePath), { maxBytes, declaredBytes: size });
    return { filename: path.basename(filePath), bytes };
  } catch (error) {
    throw unreadableFile(error, filePath);
  }
}

function unreadableFile(error: unknown, filePath: string): unknown {
  switch ((error as { code?: unknown }).code) {
    case "ENOENT":
      return new AppError("not_found:file", `There is no file at ${filePath}. Check the path and try again.`);
    case "EISDIR":
      return new AppError("invalid:file", `${filePath} is a folder; upload the files in it one at a time.`);
    case "EACCES":
    case "EPERM":
      return new AppError(
        "forbidden:file",
        `You may not read ${filePath}; run the command as a user who may, or copy the file somewhere readable.`,
      );
    default:
      return error;
  }
}

function decodeFilename(header: string | null): string {
  if (!header) return "";
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

/** The one file of a form, in the field `file`; text fields are skipped without being kept. */
async function readFileField(body: AsyncIterable<Uint8Array>, boundary: string, maxBytes: number): Promise<Upload> {
  const parser = new MultipartParser(boundary);
  let file: { filename: string; content: BoundedBytes } | null = null;
  let otherField: string | null = null;
  let reading = false;
  // Leaving this loop early (a second file, a file over the limit) cancels the body, so the rest is never read.
  for await (const chunk of body) {
    for (const event of parser.write(chunk)) {
      if (event.type === "part") {
        reading = false;
        if (event.filename === null) {
          if (event.name !== "file") continue;
          throw new AppError(
            "invalid:missing_file",
            `The form's \`file\` field holds text, not a file. Attach the file itself (${curlExample}, with the @).`,
          );
        }
        if (file !== null || otherField !== null) {
          throw new AppError(
            "invalid:several_files",
            "The form holds more than one file; Keel takes one per request. Upload each file in its own request, each with its own Idempotency-Key.",
          );
        }
        if (event.name !== "file") {
          otherField = event.name.slice(0, 100);
          continue;
        }
        file = { filename: event.filename, content: new BoundedBytes(maxBytes) };
        reading = true;
      } else if (event.type === "data") {
        if (reading) file?.content.append(event.bytes);
      } else {
        reading = false;
      }
    }
  }
  parser.end();
  if (file === null) {
    throw new AppError(
      "invalid:missing_file",
      otherField === null
        ? `The form has no file. Send the document in a field named \`file\` (${curlExample}).`
        : `The form's file is in the field \`${otherField}\`; send it in a field named \`file\` instead (${curlExample}).`,
    );
  }
  return { filename: file.filename, bytes: file.content.bytes };
}

/**
 * Bytes gathered into one buffer that doubles as it fills, `too_large` past `maxBytes`. Not a list of the parser's
 * slices: a body trickled in tiny chunks would keep an object and a delimiter's worth of bytes per chunk alive.
 */
class BoundedBytes {
  private buffer = new Uint8Array(0);
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  append(chunk: Uint8Array): void {
    const needed = this.size + chunk.byteLength;
    if (needed > this.maxBytes) throw tooLarge(null, this.maxBytes);
    if (needed > this.buffer.byteLength) {
      const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(needed, 2 * this.buffer.byteLength, 64 * 1024)));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.size);
    this.size = needed;
  }

  get bytes(): Uint8Array {
    return this.buffer.subarray(0, this.size);
  }
}
