import { describe, expect, it } from "vitest";
import { splitCsvLine } from "./csv";
import { parseCustomersCsv, parseOrdersCsv } from "./import";

describe("splitCsvLine", () => {
  it("reads quoted cells with commas and doubled quotes", () => {
    expect(splitCsvLine('a, "Souza, Ana" ,"say ""hi""",')).toEqual(["a", "Souza, Ana", 'say "hi"', ""]);
  });

  it("says when a quote is left open", () => {
    expect(splitCsvLine('a,"open')).toBeNull();
  });
});

describe("parseCustomersCsv", () => {
  it("reads customers with a BOM, CRLF, blank lines and quoted names, emails in lower case", () => {
    const csv = '\uFEFFemail,name\r\nAna@Example.COM,"Souza, Ana"\r\n\r\nbob@example.com,Bob Lee\r\n';
    expect(parseCustomersCsv(csv)).toEqual({
      ok: true,
      rows: [
        { email: "ana@example.com", name: "Souza, Ana", line: 2 },
        { email: "bob@example.com", name: "Bob Lee", line: 4 },
      ],
    });
  });

  it("refuses the whole file, naming each bad line and what to fix", () => {
    const csv = [
      "email,name",
      "ana@example.com,Ana",
      "not-an-email,Bob",
      "carl@example.com,",
      "ANA@example.com,Ana 2",
      'dee@example.com,"Dee',
    ].join("\n");
    expect(parseCustomersCsv(csv)).toEqual({
      ok: false,
      errors: [
        "Line 3: Write a valid email address, such as ana@example.com.",
        "Line 4: Write the customer's name.",
        "Line 5: the email ana@example.com is already on line 2; keep one of them.",
        'Line 6: a quote is opened and never closed; close it, or double a quote inside a cell ("").',
      ],
    });
  });

  it("asks for the header, and for rows", () => {
    expect(parseCustomersCsv("ana@example.com,Ana\n")).toEqual({
      ok: false,
      errors: ['Line 1: the first line must be the header email,name; it is "ana@example.com,Ana".'],
    });
    expect(parseCustomersCsv("")).toMatchObject({ ok: false, errors: [expect.stringContaining("The file is empty")] });
    expect(parseCustomersCsv("email,name\n")).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("no customers")],
    });
  });
});

describe("parseOrdersCsv", () => {
  const header = "reference,customer_email,currency,total,paid_at,status";

  it("reads orders in minor units of their currency, with paid dates and times", () => {
    const csv = [
      header,
      "A-1001,Ana@example.com,eur,49.90,2026-03-02,paid",
      'A-1002,bob@example.com,JPY,"1,200",2026-03-02T14:05:00+01:00,shipped',
      "A-1003,bob@example.com,USD,10,,pending",
    ].join("\n");
    expect(parseOrdersCsv(csv)).toEqual({
      ok: true,
      rows: [
        {
          reference: "A-1001",
          customerEmail: "ana@example.com",
          currency: "EUR",
          totalMinor: 4990,
          paidAt: new Date("2026-03-02T00:00:00Z"),
          status: "paid",
          line: 2,
        },
        {
          reference: "A-1002",
          customerEmail: "bob@example.com",
          currency: "JPY",
          totalMinor: 1200,
          paidAt: new Date("2026-03-02T13:05:00Z"),
          status: "shipped",
          line: 3,
        },
        {
          reference: "A-1003",
          customerEmail: "bob@example.com",
          currency: "USD",
          totalMinor: 1000,
          paidAt: null,
          status: "pending",
          line: 4,
        },
      ],
    });
  });

  it("refuses the whole file, naming each bad line and what to fix", () => {
    const csv = [
      header,
      "A-1,ana@example.com,EUR,49.90,2026-03-02,paid",
      "A-2,ana@example.com,EUX,49.90,2026-03-02,paid",
      "A-3,ana@example.com,EUR,49,90,2026-03-02,paid",
      "A-4,ana@example.com,EUR,49.999,2026-03-02,paid",
      "A-5,ana@example.com,EUR,49.90,02/03/2026,paid",
      "A-6,ana@example.com,EUR,49.90,2026-03-02,refunded",
      "A-1,ana@example.com,EUR,1.00,2026-03-02,paid",
    ].join("\n");
    expect(parseOrdersCsv(csv)).toEqual({
      ok: false,
      errors: [
        "Line 3: Write an ISO 4217 currency code, such as EUR.",
        "Line 4: expected 6 values (reference,customer_email,currency,total,paid_at,status), found 7; put a value with a comma in quotes.",
        'Line 5: "49.999" is not an amount in EUR; write it with a decimal point, such as 49.90.',
        'Line 6: "02/03/2026" is not a date; write YYYY-MM-DD or an ISO time such as 2026-03-02T14:05:00Z, or leave it empty if unpaid.',
        "Line 7: Write one of pending, paid, shipped, delivered, cancelled.",
        "Line 8: the reference A-1 is already on line 2; keep one of them.",
      ],
    });
  });
});
