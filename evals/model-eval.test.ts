import { describe, expect, it } from "vitest";
import { extractDeterministic } from "@/ai/deterministic/extract";
import { expectations } from "@/ai/deterministic/fixtures/expected";
import { ProviderError } from "@/ai/errors";
import type { EvalCase } from "@/domain/evals/case";
import { frozenCases, scoreCases, tallies } from "./model-eval";
import { fieldTable } from "./table";

const fixtures = expectations.filter((e) => e.file === "invoice-us-acme.txt");
const evalCase: EvalCase = {
  version: 1,
  id: "promoted-one",
  source: "promoted",
  filename: "one.pdf",
  text: { source: "text", pages: [{ page: 1, text: "Northwind Ltd\nInvoice No: NW-7\nTotal GBP 12.50" }] },
  expected: { documentNumber: "NW-7", totalMinor: "1250" },
  promotedBy: "admin@example.com",
  promotedAt: "2026-11-29T10:00:00.000Z",
};

describe("the model eval's cases", () => {
  it("are the fixtures as written, then the case files", async () => {
    const cases = await frozenCases([evalCase], fixtures);
    expect(cases.map((c) => [c.id, c.kind])).toEqual([
      ["invoice-us-acme", "fixture"],
      ["promoted-one", "file"],
    ]);
  });

  it("refuse a case file that takes a fixture's id", async () => {
    await expect(frozenCases([{ ...evalCase, id: "invoice-us-acme" }], fixtures)).rejects.toThrow(
      "Eval case invoice-us-acme has the id of a fixture in ai/deterministic/fixtures; rename the case.",
    );
  });
});

describe("scoreCases", () => {
  it("counts a provider that gives up as a miss on every field of the case, and scores the others", async () => {
    const cases = await frozenCases([evalCase], fixtures);
    const results = await scoreCases(cases, (frozen) =>
      frozen.kind === "fixture"
        ? Promise.reject(new ProviderError("invalid_output", "The model's output failed its schema"))
        : Promise.resolve(extractDeterministic(frozen.text)),
    );
    expect(results[0]?.failure).toBe("invalid_output: The model's output failed its schema");
    expect(results[0]?.checks.length).toBe(Object.keys(fixtures[0] ?? {}).length - 1);
    expect(results[0]?.checks.some((c) => c.ok)).toBe(false);
    expect(tallies(results, "file")).toEqual({
      documentNumber: { correct: 1, total: 1 },
      totalMinor: { correct: 1, total: 1 },
    });
    expect(tallies(results, "fixture").vendorName).toEqual({ correct: 0, total: 1 });
  });

  it("stops on an error that is not the provider's: a bug is not a miss", async () => {
    const cases = await frozenCases([], fixtures);
    await expect(scoreCases(cases, () => Promise.reject(new TypeError("undefined is not a function")))).rejects.toThrow(
      TypeError,
    );
  });

  it("keeps the cases' order whatever order their answers come back in", async () => {
    const cases = await frozenCases([evalCase, { ...evalCase, id: "promoted-two" }], fixtures);
    const delays = [30, 0, 10];
    const results = await scoreCases(
      cases,
      (frozen) =>
        new Promise((resolve) =>
          setTimeout(() => resolve(extractDeterministic(frozen.text)), delays[cases.indexOf(frozen)]),
        ),
      3,
    );
    expect(results.map((r) => r.id)).toEqual(["invoice-us-acme", "promoted-one", "promoted-two"]);
  });
});

describe("fieldTable", () => {
  it("shows each field's share and counts per column, and a dash where a column did not check it", () => {
    expect(
      fieldTable([
        { name: "claude-sonnet-4-5", tallies: { totalMinor: { correct: 3, total: 4 } } },
        {
          name: "claude-haiku-4-5",
          tallies: { totalMinor: { correct: 1, total: 4 }, poNumber: { correct: 2, total: 2 } },
        },
      ]),
    ).toBe(
      [
        "field             claude-sonnet-4-5     claude-haiku-4-5",
        "totalMinor         75.0 %  3/4           25.0 %  1/4",
        "poNumber                -               100.0 %  2/2",
      ].join("\n"),
    );
  });
});
