import { describe, expect, it } from "vitest";

import { IntakeError } from "./errors";
import { isEncryptedPdf, sniff } from "./sniff";
import { buildZip, xlsxLikeEntries } from "./testing/zip";

const bytes = (text: string) => new TextEncoder().encode(text);

function rejection(input: Uint8Array): IntakeError {
  try {
    sniff(input);
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error("expected sniff to reject");
}

const minimalPdf = (trailerExtra = "") =>
  bytes(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
3 0 obj << /Length 30 >> stream
BT (/Encrypt 4 0 R) Tj ET
endstream endobj
xref
0 4
trailer
<< /Size 4 /Root 1 0 R ${trailerExtra}>>
startxref
200
%%EOF
`);

describe("sniff", () => {
  it("reads PDF, PNG and JPEG from their magic bytes whatever the name says", () => {
    expect(sniff(minimalPdf()).kind).toBe("pdf");
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])).kind).toBe("png");
    expect(sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])).kind).toBe("jpeg");
  });

  it("finds a PDF header behind junk a mail gateway prepended", () => {
    expect(sniff(new Uint8Array([...bytes("X-Junk: yes\r\n\r\n"), ...minimalPdf()])).kind).toBe("pdf");
  });

  it("rejects a PDF whose trailer names /Encrypt", () => {
    const error = rejection(minimalPdf("/Encrypt 5 0 R /ID [<01> <01>] "));
    expect(error.reason).toBe("encrypted");
    expect(error.message).toBe("This PDF is password-protected; remove the password and upload it again");
  });

  it("rejects a PDF whose cross-reference stream names /Encrypt", () => {
    const pdf = bytes(
      "%PDF-1.7\n9 0 obj << /Type /XRef /Size 10 /Root 1 0 R /Encrypt 8 0 R /W [1 2 1] /Length 0 >> stream\nendstream endobj\n%%EOF",
    );
    expect(isEncryptedPdf(pdf)).toBe(true);
  });

  it("does not take /Encrypt in page content for encryption", () => {
    expect(isEncryptedPdf(minimalPdf())).toBe(false);
  });

  it("tells an XLSX from other ZIPs by its entries", () => {
    expect(sniff(buildZip(xlsxLikeEntries())).kind).toBe("xlsx");
    const docx = rejection(
      buildZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "word/document.xml", data: "<w/>" },
      ]),
    );
    expect(docx).toMatchObject({ reason: "unsupported_type", details: { detected: "docx" } });
    const zip = rejection(buildZip([{ name: "invoice.pdf", data: "%PDF-1.4" }]));
    expect(zip).toMatchObject({ reason: "unsupported_type", details: { detected: "zip" } });
    expect(zip.message).toMatch(/Unpack it/);
  });

  it("rejects a cut-off ZIP as unreadable", () => {
    expect(rejection(buildZip(xlsxLikeEntries()).subarray(0, 60)).reason).toBe("unreadable");
  });

  it("rejects legacy .xls with what to do instead", () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(new Uint8Array(Buffer.from("Workbook", "utf16le")), 1024);
    const error = rejection(ole);
    expect(error).toMatchObject({ reason: "unsupported_type", details: { detected: "xls" } });
    expect(error.message).toMatch(/Save it as \.xlsx or CSV/);
  });

  it("rejects a password-protected Office file as encrypted", () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(new Uint8Array(Buffer.from("EncryptedPackage", "utf16le")), 1024);
    expect(rejection(ole).reason).toBe("encrypted");
  });

  it("rejects an ELF program as unsupported, naming it", () => {
    const elf = new Uint8Array(512);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    expect(rejection(elf)).toMatchObject({ reason: "unsupported_type", details: { detected: "elf" } });
  });

  it("does not take a text starting with MZ for a Windows program", () => {
    expect(sniff(bytes("MZ Logistics GmbH\nInvoice 1001\nTotal 12.00 EUR\n" + "x".repeat(80))).kind).toBe("text");
  });

  it("rejects binary junk", () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(rejection(junk)).toMatchObject({ reason: "unsupported_type", details: { detected: "binary" } });
  });

  it("rejects zero bytes and whitespace-only files as empty", () => {
    expect(rejection(new Uint8Array()).reason).toBe("empty");
    expect(rejection(bytes(" \n\t\r\n ")).reason).toBe("empty");
    expect(rejection(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a])).reason).toBe("empty");
  });

  it("reads an email from its headers", () => {
    expect(
      sniff(
        bytes(
          "Received: from mx.example.com\r\nFrom: Anna <anna@acme.test>\r\nSubject: PO 4471\r\nMIME-Version: 1.0\r\n\r\nHello",
        ),
      ).kind,
    ).toBe("eml");
    expect(
      sniff(
        bytes(
          "From anna@acme.test Mon Jan  1 00:00:00 2024\nFrom: anna@acme.test\nTo: ap@keel.test\nSubject: Hi\n\nBody",
        ),
      ).kind,
    ).toBe("eml");
  });

  it("does not take a text that mentions From: for an email", () => {
    expect(sniff(bytes("Dear team,\nFrom: next week our prices change.\nSubject: to approval\n")).kind).toBe("text");
  });

  it("tells CSV from prose for each common delimiter", () => {
    expect(sniff(bytes("sku,description,qty,price\nA-1,Bolts,10,0.50\nA-2,Nuts,20,0.25\n")).kind).toBe("csv");
    expect(sniff(bytes("Artikel;Menge;Preis\nSchraube;10;0,50\nMutter;20;0,25\n")).kind).toBe("csv");
    expect(sniff(bytes("sku\tqty\nA-1\t10\nA-2\t20\n")).kind).toBe("csv");
    expect(
      sniff(
        bytes(
          "Hello Anna,\nplease find our quote below. It covers delivery, installation and training, as agreed on the phone last week.\nKind regards, Bob\n",
        ),
      ).kind,
    ).toBe("text");
  });

  it("reads UTF-16 text with and without a BOM", () => {
    const text = "Invoice 1001\nTotal 12.00 EUR\n";
    expect(sniff(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")])).kind).toBe("text");
    expect(sniff(new Uint8Array(Buffer.from("sku,qty\nA,1\nB,2\n", "utf16le"))).kind).toBe("csv");
  });

  it("reads Latin-1 text as text, not junk", () => {
    expect(sniff(new Uint8Array(Buffer.from("Rechnung für Müller GmbH\nGesamt 12,00 €\n", "latin1"))).kind).toBe(
      "text",
    );
  });

  it("rejects HTML as a web page", () => {
    expect(rejection(bytes("<!DOCTYPE html><html><body>Invoice</body></html>")).details.detected).toBe("html");
  });
});
