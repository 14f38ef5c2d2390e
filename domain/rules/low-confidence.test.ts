import { describe, expect, it } from "vitest";
import { defaultThresholds } from "../thresholds";
import { checkLowConfidence, fieldsBelowThreshold } from "./low-confidence";
import { makeContext, makeExtraction, type ExtractionInput } from "./test-factory";

describe("low confidence", () => {
  it("passes when every required field clears its threshold", () => {
    expect(checkLowConfidence(makeContext())).toEqual([]);
  });

  it("fires for a required field below its threshold, with its confidence and the threshold", () => {
    const extraction = makeExtraction({ confidenceOf: { totalMinor: 0.6, issueDate: 0.5 } });
    const findings = checkLowConfidence(makeContext({ extraction }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "low-confidence",
      severity: "warning",
      fields: ["issueDate", "totalMinor"],
    });
    expect(findings[0]?.message).toBe(
      "Check these fields against the document; Keel is unsure of them: issue date (50 %, needs 75 %), total (60 %, needs 95 %).",
    );
  });

  it("ignores optional fields, which routing still weighs", () => {
    const extraction = makeExtraction({ paymentTerms: "30 days", confidenceOf: { paymentTerms: 0.1 } });
    expect(checkLowConfidence(makeContext({ extraction }))).toEqual([]);
    expect(fieldsBelowThreshold(extraction, defaultThresholds, "present").map((u) => u.field)).toEqual([
      "paymentTerms",
    ]);
  });

  it("includes the document type", () => {
    const extraction = makeExtraction({ confidenceOf: { documentClass: 0.4 } });
    expect(checkLowConfidence(makeContext({ extraction }))[0]?.fields).toEqual(["documentClass"]);
  });

  it("checks line fields where the class requires lines", () => {
    const extraction = makeExtraction({
      documentClass: "purchase_order",
      lines: [{ quantity: 2, unitPriceMinor: 1000, confidence: 0.5 }],
    });
    expect(checkLowConfidence(makeContext({ extraction }))[0]?.fields).toEqual([
      "lines[0].description",
      "lines[0].quantity",
      "lines[0].unitPriceMinor",
      "lines[0].amountMinor",
    ]);
  });

  it("leaves missing fields to the required-fields rule", () => {
    const extraction = makeExtraction({ totalMinor: null });
    expect(checkLowConfidence(makeContext({ extraction }))).toEqual([]);
  });

  it("honours an admin's per-field threshold", () => {
    const extraction = makeExtraction({ confidenceOf: { vendorName: 0.8 } });
    expect(checkLowConfidence(makeContext({ extraction }))).toHaveLength(1);
    expect(checkLowConfidence(makeContext({ extraction, thresholds: { confidence: { vendorName: 0.75 } } }))).toEqual(
      [],
    );
  });

  it("takes a subtotal or tax read unsurely as sure when the arithmetic pins it to a sure total and the other amount", () => {
    const unsure = (confidenceOf: ExtractionInput["confidenceOf"], totalMinor?: number) =>
      fieldsBelowThreshold(
        makeExtraction({ confidenceOf, ...(totalMinor === undefined ? {} : { totalMinor }) }),
        defaultThresholds,
        "present",
      ).map((u) => u.field);
    expect(unsure({ taxMinor: 0.6 })).toEqual([]);
    expect(unsure({ subtotalMinor: 0.6 })).toEqual([]);
    // Two unsure amounts pin nothing; nor does arithmetic that does not check out; nor is the total ever pinned.
    expect(unsure({ taxMinor: 0.6, subtotalMinor: 0.6 })).toEqual(["subtotalMinor", "taxMinor"]);
    expect(unsure({ taxMinor: 0.6 }, 9_999)).toEqual(["taxMinor"]);
    expect(unsure({ totalMinor: 0.9 })).toEqual(["totalMinor"]);
    expect(unsure({ totalMinor: 0.9, taxMinor: 0.6 })).toEqual(["taxMinor", "totalMinor"]);
  });
});
