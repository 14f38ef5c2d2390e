import { describe, expect, it } from "vitest";
import { checkArithmetic } from "../rules/arithmetic";
import { makeContext, makeExtraction } from "../rules/test-factory";
import { defaultThresholds } from "../thresholds";
import { applyValues, diffValues, fieldValues, parseEdits } from "./edits";
import {
  applyLines,
  blankLine,
  checkLineArithmetic,
  checkTypedArithmetic,
  countLineEdits,
  diffLines,
  lineEditOf,
  lineEditsSchema,
  lineValues,
  parseLines,
} from "./line-edits";

// A line read with its quantity and unit price swapped: 42.5 × 12.00 = 510.00 holds, but the subtotal is 600.00.
const swapped = makeExtraction({
  currency: "USD",
  lines: [{ description: "Hydraulic hose", quantity: 42.5, unitPriceMinor: 1200, amountMinor: 51_000 }],
  subtotalMinor: 60_000,
  taxMinor: 0,
  totalMinor: 60_000,
});
const proposed = fieldValues(swapped);
const correctedLine = { description: "Hydraulic hose", quantity: "12", unitPriceMinor: "50.00", amountMinor: "600.00" };
const corrected = [correctedLine];
const readLine = { description: "Hydraulic hose", quantity: 42.5, unitPriceMinor: 1200, amountMinor: 51_000 };

describe("parseLines", () => {
  it("reads quantities and amounts in the currency, and empty cells as absent", () => {
    expect(
      parseLines(
        [
          { description: " Hose ", quantity: "1,200", unitPriceMinor: "0.50", amountMinor: "600" },
          { description: "", quantity: "", unitPriceMinor: "", amountMinor: "" },
        ],
        "USD",
      ),
    ).toEqual({
      ok: true,
      lines: [
        { description: "Hose", quantity: 1200, unitPriceMinor: 50, amountMinor: 60_000 },
        { description: null, quantity: null, unitPriceMinor: null, amountMinor: null },
      ],
    });
  });

  it("names each cell it cannot read by its path, with what to type", () => {
    expect(
      parseLines([{ description: "Hose", quantity: "twelve", unitPriceMinor: "12,5", amountMinor: "1" }], "EUR"),
    ).toEqual({
      ok: false,
      errors: {
        "lines[0].quantity": "Type a number, such as 12 or 2.5.",
        "lines[0].unitPriceMinor": "Type an amount in EUR, such as 1,234.50.",
      },
    });
  });

  it("refuses amounts while the currency is unknown", () => {
    const parsed = parseLines([{ description: "", quantity: "1", unitPriceMinor: "5", amountMinor: "" }], null);
    expect(parsed).toEqual({
      ok: false,
      errors: { "lines[0].unitPriceMinor": "Set the currency first, so Keel knows how to read the amount." },
    });
  });

  it("reads back what the grid shows for each line", () => {
    const lines = lineValues(swapped.fields.lines);
    expect(
      parseLines(
        lines.map((l) => lineEditOf(l, "USD")),
        "USD",
      ),
    ).toEqual({ ok: true, lines });
  });
});

describe("diffLines", () => {
  const before = lineValues(swapped.fields.lines);
  const first = readLine;

  it("lists each changed cell with its label, and nothing unchanged", () => {
    const after = [{ ...first, quantity: 12, unitPriceMinor: 5000, amountMinor: 60_000 }];
    expect(diffLines(before, after, "USD")).toEqual([
      { field: "lines[0].quantity", label: "line 1 quantity", proposed: 42.5, decided: 12 },
      { field: "lines[0].unitPriceMinor", label: "line 1 unit price", proposed: 1200, decided: 5000 },
      { field: "lines[0].amountMinor", label: "line 1 amount", proposed: 51_000, decided: 60_000 },
    ]);
    expect(diffLines(before, before, "USD")).toEqual([]);
  });

  it("lists a line added or removed as a whole", () => {
    const added = { description: "Freight", quantity: 1, unitPriceMinor: 9000, amountMinor: 9000 };
    expect(diffLines(before, [first, added], "USD")).toEqual([
      { field: "lines[1]", label: "line 2", proposed: null, decided: "1 × Freight at 90.00 = 90.00" },
    ]);
    expect(diffLines(before, [], "USD")).toEqual([
      { field: "lines[0]", label: "line 1", proposed: "42.5 × Hydraulic hose at 12.00 = 510.00", decided: null },
    ]);
  });
});

describe("applyLines", () => {
  it("keeps cells as read with their evidence and marks changed cells as the person's", () => {
    const read = swapped.fields.lines;
    const [line] = applyLines(read, [{ ...readLine, quantity: 12 }]);
    expect(line?.description).toEqual(read[0]?.description);
    expect(line?.quantity).toEqual({ value: 12, confidence: 1, evidence: null });
  });
});

describe("line corrections through the edits", () => {
  it("records the changed lines beside the header fields, and the corrected extraction carries them", () => {
    const parsed = parseEdits(proposed, {}, corrected);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(diffValues(proposed, parsed.values).map((c) => c.field)).toEqual([
      "lines[0].quantity",
      "lines[0].unitPriceMinor",
      "lines[0].amountMinor",
    ]);
    const next = applyValues(swapped, parsed.values, "ann@example.com");
    expect(next.provider).toBe("person:ann@example.com");
    expect(next.fields.lines[0]?.amountMinor.value).toBe(60_000);
    expect(checkArithmetic(makeContext({ extraction: next }))).toEqual([]);
  });

  it("reports a bad cell under its path, and the header fields' errors beside it", () => {
    const parsed = parseEdits(proposed, { dueDate: "soon" }, [{ ...correctedLine, quantity: "x" }]);
    expect(!parsed.ok && Object.keys(parsed.errors)).toEqual(["dueDate", "lines[0].quantity"]);
  });

  it("says nothing about lines for tasks opened before lines were recorded", () => {
    const { lines: _lines, ...older } = proposed;
    const parsed = parseEdits(proposed, {}, corrected);
    expect(parsed.ok && diffValues(older, parsed.values)).toEqual([]);
  });
});

describe("checkLineArithmetic", () => {
  const header = { subtotalMinor: 60_000, taxMinor: 0, totalMinor: 60_000, currency: "USD" };

  it("finds what the arithmetic rule finds on the same values", () => {
    const live = checkLineArithmetic({ ...header, lines: lineValues(swapped.fields.lines) }, defaultThresholds);
    expect(live).toEqual(checkArithmetic(makeContext({ extraction: swapped })));
    expect(live.map((f) => f.rule)).toEqual(["subtotal-mismatch"]);
  });

  it("clears once the line is corrected", () => {
    const parsed = parseLines(corrected, "USD");
    expect(parsed.ok && checkLineArithmetic({ ...header, lines: parsed.lines }, defaultThresholds)).toEqual([]);
  });
});

describe("checkTypedArithmetic", () => {
  const totals = { subtotalMinor: "600.00", taxMinor: "0.00", totalMinor: "600.00", currency: "usd" };
  const typed = lineValues(swapped.fields.lines).map((l) => lineEditOf(l, "USD"));

  it("finds the subtotal mismatch on the values as typed, and nothing once they add up", () => {
    expect(checkTypedArithmetic(totals, typed, defaultThresholds)?.map((f) => f.rule)).toEqual(["subtotal-mismatch"]);
    expect(checkTypedArithmetic(totals, corrected, defaultThresholds)).toEqual([]);
  });

  it("waits while a cell or an amount cannot be read", () => {
    expect(checkTypedArithmetic(totals, [{ ...correctedLine, quantity: "1x" }], defaultThresholds)).toBeNull();
    expect(checkTypedArithmetic({ ...totals, subtotalMinor: "6,00" }, corrected, defaultThresholds)).toBeNull();
    expect(checkTypedArithmetic({ ...totals, currency: "" }, corrected, defaultThresholds)).toBeNull();
  });
});

describe("countLineEdits", () => {
  it("counts changed cells, and a line added or removed as one", () => {
    expect(countLineEdits(corrected, corrected)).toBe(0);
    expect(countLineEdits(corrected, [{ ...correctedLine, quantity: "13", amountMinor: "650.00" }])).toBe(2);
    expect(countLineEdits(corrected, [correctedLine, blankLine])).toBe(1);
    expect(countLineEdits(corrected, [])).toBe(1);
  });
});

describe("lineEditsSchema", () => {
  it("takes the grid as typed and refuses a missing cell or an overlong one", () => {
    expect(lineEditsSchema.safeParse(corrected).success).toBe(true);
    expect(lineEditsSchema.safeParse([{ description: "Hose", quantity: "1", unitPriceMinor: "1" }]).success).toBe(
      false,
    );
    expect(lineEditsSchema.safeParse([{ ...correctedLine, description: "x".repeat(201) }]).success).toBe(false);
  });
});
