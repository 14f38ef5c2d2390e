import { describe, expect, it } from "vitest";
import { checkLowConfidence } from "@/domain/rules/low-confidence";
import { defaultThresholds } from "@/domain/thresholds";
import { extractDeterministic } from "./extract";
import { textDocument } from "./fixtures/load";

const invoice = (header: string) =>
  extractDeterministic(
    textDocument(
      `${header}\n\nInvoice No: A-1001\nInvoice Date: 2025-03-14\n\nConsulting services            $1,200.00\n\nTotal Due                      $1,200.00`,
    ),
  );

const unsureOfCurrency = (header: string) =>
  checkLowConfidence({ extraction: invoice(header), thresholds: defaultThresholds }).some((f) =>
    f.fields.includes("currency"),
  );

describe("a shared currency symbol the evidence does not settle", () => {
  it("asks a person to confirm the currency when nothing says whose dollar it is", () => {
    const extraction = invoice("Northwind Consulting");
    expect(extraction.fields.currency.value).toBe("USD");
    expect(unsureOfCurrency("Northwind Consulting")).toBe(true);
  });

  it("does not ask when the seller's address and tax id settle it", () => {
    expect(unsureOfCurrency("Northwind Consulting Inc\n100 Main St, Austin, TX 78701\nEIN 74-2918834")).toBe(false);
    const argentine = invoice("Northwind S.R.L.\nCUIT: 30-71234567-4\nAv. Corrientes 2451, Buenos Aires");
    expect(argentine.fields.currency.value).toBe("ARS");
    expect(unsureOfCurrency("Northwind S.R.L.\nCUIT: 30-71234567-4\nAv. Corrientes 2451, Buenos Aires")).toBe(false);
  });
});
