import { describe, expect, it } from "vitest";

import { isMultipartForm, multipartBoundary, MultipartParser, MultipartSyntaxError } from "./multipart";

type Part = { name: string; filename: string | null; body: string };

/** Feeds `body` to a parser in chunks of `chunkSize` and collects the parts it reports. */
function parse(
  body: string | Uint8Array,
  boundary: string,
  chunkSize = Number.MAX_SAFE_INTEGER,
  maxHeaderBytes?: number,
): Part[] {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  const parser = new MultipartParser(boundary, maxHeaderBytes === undefined ? {} : { maxHeaderBytes });
  const parts: (Part & { chunks: Buffer[] })[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) {
    for (const event of parser.write(bytes.subarray(at, at + chunkSize))) {
      if (event.type === "part") parts.push({ name: event.name, filename: event.filename, body: "", chunks: [] });
      else if (event.type === "data") parts.at(-1)?.chunks.push(Buffer.from(event.bytes));
    }
  }
  parser.end();
  return parts.map(({ name, filename, chunks }) => ({ name, filename, body: Buffer.concat(chunks).toString("utf8") }));
}

function syntaxError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof MultipartSyntaxError) return error.message;
    throw error;
  }
  throw new Error("expected a MultipartSyntaxError");
}

const crlf = (...lines: string[]) => lines.join("\r\n");

describe("MultipartParser", () => {
  it("reads the form an HTTP client builds, however the body is split into chunks", async () => {
    const form = new FormData();
    form.set("note", "from the ERP");
    form.set("file", new Blob(["PO Number,Vendor\r\n--not-a-boundary\r\nPO-1,ACME\r\n"]), "po.csv");
    const response = new Response(form);
    const boundary = multipartBoundary(response.headers.get("content-type") ?? "");
    expect(boundary).not.toBeNull();
    const body = new Uint8Array(await response.arrayBuffer());
    const expected = [
      { name: "note", filename: null, body: "from the ERP" },
      { name: "file", filename: "po.csv", body: "PO Number,Vendor\r\n--not-a-boundary\r\nPO-1,ACME\r\n" },
    ];
    for (const chunkSize of [1, 2, 3, 5, 7, 13, 64, body.length])
      expect(parse(body, boundary ?? "", chunkSize)).toEqual(expected);
  });

  it("keeps bytes that almost make a delimiter, split anywhere", () => {
    const content = "a\r\n--b0und\r\n--b0unda\r\n-";
    const body = crlf(
      "--b0undary",
      'Content-Disposition: form-data; name="file"; filename="x.txt"',
      "",
      content,
      "--b0undary--",
      "",
    );
    for (let chunkSize = 1; chunkSize <= body.length; chunkSize++)
      expect(parse(body, "b0undary", chunkSize)[0]?.body).toBe(content);
  });

  it("skips the preamble and the epilogue and allows padding after a boundary", () => {
    const body = crlf(
      "this is the preamble",
      "--xyz \t",
      'content-disposition: form-data; name="a"',
      "",
      "1",
      "--xyz--",
      "the epilogue",
    );
    expect(parse(body, "xyz")).toEqual([{ name: "a", filename: null, body: "1" }]);
  });

  it("hands a large part's bytes on as they arrive instead of holding them", () => {
    const parser = new MultipartParser("xyz");
    parser.write(Buffer.from(crlf("--xyz", 'Content-Disposition: form-data; name="file"; filename="big.bin"', "", "")));
    const events = parser.write(new Uint8Array(1024 * 1024));
    const passed = events.reduce((sum, event) => sum + (event.type === "data" ? event.bytes.byteLength : 0), 0);
    expect(passed).toBeGreaterThan(1024 * 1024 - 16);
  });

  it("reads quoted, escaped, UTF-8 and RFC 8187 filenames", () => {
    const part = (disposition: string) =>
      parse(crlf("--xyz", `Content-Disposition: ${disposition}`, "", "x", "--xyz--"), "xyz")[0]?.filename;
    expect(part('form-data; name="file"; filename="say \\"hi\\"; ok.pdf"')).toBe('say "hi"; ok.pdf');
    expect(part('form-data; name="file"; filename="Rechnung März.pdf"')).toBe("Rechnung März.pdf");
    expect(part("form-data; name=file; filename*=UTF-8''%E2%82%AC%20rates.pdf; filename=\"rates.pdf\"")).toBe(
      "€ rates.pdf",
    );
    expect(part('form-data; name="file"; filename=""')).toBe("");
  });

  it("rejects a body cut off before its closing boundary", () => {
    const body = crlf("--xyz", 'Content-Disposition: form-data; name="file"; filename="a.pdf"', "", "%PDF-1.7");
    expect(syntaxError(() => parse(body, "xyz"))).toContain("closing boundary");
    expect(syntaxError(() => parse("", "xyz"))).toContain("closing boundary");
  });

  it("rejects a part without a form-data Content-Disposition", () => {
    expect(syntaxError(() => parse(crlf("--xyz", "Content-Type: text/plain", "", "x", "--xyz--"), "xyz"))).toContain(
      "no Content-Disposition",
    );
    expect(syntaxError(() => parse(crlf("--xyz", "", "x", "--xyz--"), "xyz"))).toContain("no Content-Disposition");
    expect(
      syntaxError(() =>
        parse(crlf("--xyz", 'Content-Disposition: attachment; filename="a.pdf"', "", "x", "--xyz--"), "xyz"),
      ),
    ).toContain("form-data");
  });

  it("rejects part headers over the limit without waiting for their end", () => {
    const parser = new MultipartParser("xyz", { maxHeaderBytes: 1024 });
    parser.write(Buffer.from("--xyz\r\nContent-Disposition: form-data; name="));
    expect(syntaxError(() => parser.write(Buffer.alloc(2048, "a")))).toContain("longer than 1024 bytes");
  });

  it("rejects a boundary followed by something other than a line break", () => {
    expect(
      syntaxError(() =>
        parse(crlf("--xyz", 'Content-Disposition: form-data; name="a"', "", "1", "--xyzzy", "--xyz--"), "xyz"),
      ),
    ).toContain("line break");
  });
});

describe("multipartBoundary", () => {
  it("reads a plain or quoted boundary and refuses a missing or invalid one", () => {
    expect(multipartBoundary("multipart/form-data; boundary=------------------------a1b2c3")).toBe(
      "------------------------a1b2c3",
    );
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; BOUNDARY="with space"')).toBe("with space");
    expect(multipartBoundary("multipart/form-data")).toBeNull();
    expect(multipartBoundary("multipart/form-data; boundary=")).toBeNull();
    expect(multipartBoundary(`multipart/form-data; boundary=${"x".repeat(71)}`)).toBeNull();
    expect(multipartBoundary('multipart/form-data; boundary="unclosed')).toBeNull();
  });

  it("tells a form from other content types", () => {
    expect(isMultipartForm("multipart/form-data; boundary=x")).toBe(true);
    expect(isMultipartForm(" MULTIPART/FORM-DATA")).toBe(true);
    expect(isMultipartForm("multipart/mixed; boundary=x")).toBe(false);
    expect(isMultipartForm("application/pdf")).toBe(false);
    expect(isMultipartForm(null)).toBe(false);
  });
});
