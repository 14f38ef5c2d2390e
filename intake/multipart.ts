/** Why a multipart/form-data body cannot be read; the message names the fault for the sender. */
export class MultipartSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartSyntaxError";
  }
}

export type MultipartEvent =
  { type: "part"; name: string; filename: string | null } | { type: "data"; bytes: Uint8Array } | { type: "part-end" };

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const headerEnd = Buffer.from("\r\n\r\n");
// Space and tab may pad a boundary line (RFC 2046 §5.1.1); more than this is not padding.
const maxPadding = 64;
// RFC 2046: 1–70 characters from this set, the last not a space.
const boundaryPattern = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary of a `multipart/form-data` Content-Type, or null when it has none or an invalid one. */
export function multipartBoundary(contentType: string): string | null {
  const boundary = parseHeaderValue(contentType)?.params.get("boundary");
  return boundary !== undefined && boundaryPattern.test(boundary) ? boundary : null;
}

export function isMultipartForm(contentType: string | null): boolean {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() === "multipart/form-data";
}

/**
 * Reads a multipart/form-data body as it streams: `write` each chunk and act on the events it returns, then call
 * `end`. It holds at most one part's header block (`maxHeaderBytes`) and a delimiter's length of body, so memory
 * stays bounded whatever the sender does; what to keep of each part is the caller's choice.
 */
export class MultipartParser {
  private readonly delimiter: Buffer;
  private readonly maxHeaderBytes: number;
  // The body may open with its first delimiter, with no line break before it; a virtual CRLF makes every
  // delimiter alike.
  private pending: Buffer = Buffer.from("\r\n");
  private state: "preamble" | "after-delimiter" | "headers" | "body" | "done" = "preamble";

  constructor(boundary: string, options: { maxHeaderBytes?: number } = {}) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
    this.maxHeaderBytes = options.maxHeaderBytes ?? 16 * 1024;
  }

  write(chunk: Uint8Array): MultipartEvent[] {
    if (this.state === "done") return [];
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
    const events: MultipartEvent[] = [];
    while (this.step(events));
    return events;
  }

  /** Throws unless the closing delimiter was seen: a body cut off mid-part must not pass as complete. */
  end(): void {
    if (this.state !== "done")
      throw new MultipartSyntaxError("the body ends before its closing boundary, so it was cut off or built by hand");
  }

  /** Consumes what it can of `pending`; false when it needs more bytes. */
  private step(events: MultipartEvent[]): boolean {
    switch (this.state) {
      case "preamble": {
        const at = this.pending.indexOf(this.delimiter);
        if (at === -1) {
          this.keepTail();
          return false;
        }
        this.pending = this.pending.subarray(at + this.delimiter.length);
        this.state = "after-delimiter";
        return true;
      }
      case "after-delimiter":
        return this.afterDelimiter();
      case "headers": {
        if (this.pending[0] === CR && this.pending[1] === LF)
          throw new MultipartSyntaxError("a part has no Content-Disposition header");
        const at = this.pending.indexOf(headerEnd);
        if (at === -1 ? this.pending.length > this.maxHeaderBytes : at > this.maxHeaderBytes) {
          throw new MultipartSyntaxError(`a part's headers are longer than ${String(this.maxHeaderBytes)} bytes`);
        }
        if (at === -1) return false;
        const part = parsePartHeaders(this.pending.subarray(0, at).toString("utf8"));
        this.pending = this.pending.subarray(at + headerEnd.length);
        events.push({ type: "part", ...part });
        this.state = "body";
        return true;
      }
      case "body": {
        const at = this.pending.indexOf(this.delimiter);
        if (at === -1) {
          const safe = this.pending.length - (this.delimiter.length - 1);
          if (safe > 0) events.push({ type: "data", bytes: this.pending.subarray(0, safe) });
          this.keepTail();
          return false;
        }
        if (at > 0) events.push({ type: "data", bytes: this.pending.subarray(0, at) });
        events.push({ type: "part-end" });
        this.pending = this.pending.subarray(at + this.delimiter.length);
        this.state = "after-delimiter";
        return true;
      }
      case "done":
        return false;
    }
  }

  /** After `--boundary`: `--` closes the body (the epilogue is ignored); padding and CRLF open the next part. */
  private afterDelimiter(): boolean {
    if (this.pending.length < 2) return false;
    if (this.pending[0] === DASH && this.pending[1] === DASH) {
      this.state = "done";
      this.pending = Buffer.alloc(0);
      return false;
    }
    let at = 0;
    while (at < this.pending.length && at <= maxPadding && (this.pending[at] === 0x20 || this.pending[at] === 0x09))
      at++;
    if (at > maxPadding) throw new MultipartSyntaxError("a boundary line does not end with a line break");
    if (this.pending.length - at < 2) return false;
    if (this.pending[at] !== CR || this.pending[at + 1] !== LF) {
      throw new MultipartSyntaxError(
        "a boundary line does not end with a line break (or the boundary appears inside a part)",
      );
    }
    this.pending = this.pending.subarray(at + 2);
    this.state = "headers";
    return true;
  }

  /** Keeps only the bytes that could start a delimiter split across chunks. */
  private keepTail(): void {
    const keep = Math.min(this.pending.length, this.delimiter.length - 1);
    this.pending = this.pending.subarray(this.pending.length - keep);
  }
}

function parsePartHeaders(block: string): { name: string; filename: string | null } {
  let disposition: string | undefined;
  // Obsolete line folding (a line starting with space or tab continues the previous one) is still legal input.
  for (const line of block.replace(/\r\n(?=[ \t])/g, "").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartSyntaxError("a part header line has no name");
    if (line.slice(0, colon).trim().toLowerCase() === "content-disposition") disposition = line.slice(colon + 1);
  }
  if (disposition === undefined) throw new MultipartSyntaxError("a part has no Content-Disposition header");
  const parsed = parseHeaderValue(disposition);
  const name = parsed?.params.get("name");
  if (parsed?.value !== "form-data" || name === undefined) {
    throw new MultipartSyntaxError('a part\'s Content-Disposition is not `form-data; name="…"`');
  }
  return { name, filename: extendedValue(parsed.params.get("filename*")) ?? parsed.params.get("filename") ?? null };
}

/**
 * A header value and its `; name=value` parameters (names lowercased, values unquoted, the first of a repeated
 * name kept), as in Content-Type and Content-Disposition; null when a quoted value never closes.
 */
export function parseHeaderValue(header: string): { value: string; params: Map<string, string> } | null {
  const params = new Map<string, string>();
  const semicolon = header.indexOf(";");
  const value = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  let at = semicolon === -1 ? header.length : semicolon + 1;
  while (at < header.length) {
    const equals = header.indexOf("=", at);
    const next = header.indexOf(";", at);
    if (equals === -1 || (next !== -1 && next < equals)) {
      at = next === -1 ? header.length : next + 1;
      continue;
    }
    const name = header.slice(at, equals).trim().toLowerCase();
    at = equals + 1;
    while (header[at] === " " || header[at] === "\t") at++;
    let paramValue = "";
    if (header[at] === '"') {
      at++;
      for (;;) {
        const char = header[at];
        if (char === undefined) return null;
        at++;
        if (char === '"') break;
        // A quoted-pair (RFC 9110 §5.6.4): `\"` is a quote, `\\` a backslash.
        paramValue += char === "\\" && header[at] !== undefined ? (header[at++] ?? "") : char;
      }
      const end = header.indexOf(";", at);
      at = end === -1 ? header.length : end + 1;
    } else {
      const end = header.indexOf(";", at);
      paramValue = header.slice(at, end === -1 ? header.length : end).trim();
      at = end === -1 ? header.length : end + 1;
    }
    if (name !== "" && !params.has(name)) params.set(name, paramValue);
  }
  return { value, params };
}

/** `UTF-8''%E2%82%AC%20rates.pdf` (RFC 8187), which some clients send for names outside ASCII. */
function extendedValue(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^utf-8'[^']*'(.*)$/i.exec(value);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1] ?? "");
  } catch {
    return undefined;
  }
}
