import { describe, expect, it } from "vitest";
import type { Expected } from "@/ai/deterministic/fixtures/expected";
import { expectations } from "@/ai/deterministic/fixtures/expected";
import { loadFixture, textDocument } from "@/ai/deterministic/fixtures/load";
import { routeOffline, summariseStp, vendorMasterFrom, wrongHeaderFields, type StpOutcome } from "./stp";

const outcome = (file: string, taskType: StpOutcome["taskType"], wrongFields: string[] = []): StpOutcome => ({
  file,
  taskType,
  reasons: [],
  wrong: wrongFields.map((field) => ({ field, expected: "x", actual: "y", ok: false })),
});

describe("summariseStp", () => {
  it("rates straight-through posting over all documents and errors over the auto-posted ones only", () => {
    const summary = summariseStp([
      outcome("a", null),
      outcome("b", null, ["totalMinor"]),
      outcome("c", "REVIEW_EXTRACTION", ["vendorName"]),
      outcome("d", "APPROVE_SPEND"),
    ]);
    expect(summary).toMatchObject({ documents: 4, autoPosted: 2, stpRate: 0.5, errorRate: 0.5 });
    expect(summary.wrongAutoPosts.map((o) => o.file)).toEqual(["b"]);
  });

  it("has no error rate when nothing posted", () => {
    expect(summariseStp([outcome("a", "APPROVE_SPEND", ["currency"])])).toMatchObject({
      autoPosted: 0,
      stpRate: 0,
      errorRate: 0,
    });
  });
});

describe("wrongHeaderFields", () => {
  const check = (field: string, ok: boolean) => ({ field, expected: 1, actual: ok ? 1 : 2, ok });

  it("counts only the five header fields, and a vendor on file that is not the expected seller", () => {
    const wrong = wrongHeaderFields(
      [check("totalMinor", false), check("bic", false), check("currency", true)],
      { vendorName: "Acme GmbH" },
      { name: "Bcme GmbH" },
    );
    expect(wrong.map((c) => c.field)).toEqual(["totalMinor", "vendorOnFile"]);
  });

  it("compares vendor names loosely, as the scores do", () => {
    expect(wrongHeaderFields([], { vendorName: "Acme, Inc." }, { name: "ACME Inc" })).toEqual([]);
  });
});

describe("vendorMasterFrom", () => {
  it("keeps one record per seller with what any of its fixtures prints", () => {
    const expected: Expected[] = [
      { file: "a.txt", documentClass: "invoice", vendorName: "Acme GmbH", vendorTaxId: "DE271845933", currency: "EUR" },
      { file: "b.txt", documentClass: "invoice", vendorName: "ACME GmbH", iban: "DE32500105175432198760" },
      { file: "c.txt", documentClass: "invoice", vendorName: null },
    ];
    const vendors = vendorMasterFrom(expected);
    expect(vendors).toHaveLength(1);
    expect(vendors[0]).toMatchObject({
      name: "Acme GmbH",
      taxId: "DE271845933",
      currency: "EUR",
      bankDetails: { iban: "DE32500105175432198760" },
    });
  });
});

describe("routeOffline", () => {
  it("sends an invoice from a seller nobody has on file to a person, never straight to posting", () => {
    const text = textDocument(
      [
        "Nordwind Handels GmbH",
        "Rechnung Nr. NW-1",
        "Rechnungsdatum: 03.03.2025",
        "",
        "Summe netto 100,00 EUR",
        "USt 19 % 19,00 EUR",
        "Gesamtbetrag 119,00 EUR",
      ].join("\n"),
    );
    const expected: Expected = {
      file: "inline.txt",
      documentClass: "invoice",
      vendorName: "Nordwind Handels GmbH",
      totalMinor: 11900,
      currency: "EUR",
    };
    const result = routeOffline(text, expected, []);
    expect(result.taskType).not.toBeNull();
    expect(result.reasons.length).toBeGreaterThan(0);
  });

  const fixtureRoute = (file: string) => {
    const expected = expectations.find((e) => e.file === file);
    if (!expected) throw new Error(`No expectation for ${file}`);
    return routeOffline(loadFixture(file), expected, vendorMasterFrom(expectations));
  };

  it("posts a clean invoice from a vendor on file whose only doubt was a bare Date label or an IBAN", () => {
    for (const file of ["invoice-it-tessile.txt", "invoice-fr-atelier.txt", "held-out-1-fr-rcs-footer.txt"]) {
      expect(fixtureRoute(file), file).toMatchObject({ taskType: null, wrong: [] });
    }
  });

  it("still asks a person for a gross total printed above a deducted deposit, though its arithmetic checks out", () => {
    for (const file of ["held-out-1-de-utility-strom.txt", "held-out-1-us-deposit-balance.txt"]) {
      const result = fixtureRoute(file);
      expect(result.taskType, file).toBe("REVIEW_EXTRACTION");
      expect(result.reasons[0], file).toMatch(/total \(\d+ %, needs 95 %\)/u);
    }
  });

  it("asks a person when the tax id ties the invoice to another vendor on file than the seller it prints", () => {
    const result = fixtureRoute("invoice-ocr-errors.txt");
    expect(result.taskType).toBe("REVIEW_EXTRACTION");
    expect(result.reasons.join(" ")).toContain(
      'The seller reads "NORTHSTAR CLEANING SERVlCES LTD", but the document was matched to GREENLEAF LANDSCAPING LTD',
    );
  });
});
