import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { ExtractedText, Extraction, Finding } from "@/domain/documents/types";
import type { RiskAssessment } from "@/domain/risk";
import type { Route } from "@/domain/routing";
import { payloadSchemas, type PayloadKind } from "./index";
import type { checkSummarySchema, decisionSchema, openedTaskSchema } from "./document-steps";

/** Recorded payloads, one file per shape a shipped version produced: tests/fixtures/payloads/<kind>/<version>.json. */
const root = path.resolve(import.meta.dirname, "../../tests/fixtures/payloads");
const fixtureFile = z.object({
  shipped: z.string().regex(/^[0-9a-f]{7,40}$/),
  note: z.string().min(10),
  payload: z.unknown(),
});

const kinds = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const fixtures = kinds.flatMap((kind) =>
  readdirSync(path.join(root, kind))
    .filter((name) => name.endsWith(".json"))
    .map((name) => ({ kind, file: path.join(kind, name) })),
);

describe("recorded payloads", () => {
  it("every fixture folder names a payload kind in domain/payloads/index.ts", () => {
    expect(kinds.filter((kind) => !(kind in payloadSchemas))).toEqual([]);
  });

  it("every payload kind has at least one recorded shape", () => {
    expect(Object.keys(payloadSchemas).filter((kind) => !kinds.includes(kind))).toEqual([]);
  });

  it.each(fixtures)("$file still parses with today's schema", ({ kind, file }) => {
    const recorded = fixtureFile.parse(JSON.parse(readFileSync(path.join(root, file), "utf8")));
    const parsed = payloadSchemas[kind as PayloadKind].safeParse(recorded.payload);
    if (!parsed.success)
      throw new Error(
        `tests/fixtures/payloads/${file} (shipped in ${recorded.shipped}) no longer parses:\n${z.prettifyError(parsed.error)}\n` +
          "Runs and rows hold this shape: make the change additive (an optional field or one with a default) instead.",
      );
  });

  it("reads a post output recorded before posting said how it ended as posted", () => {
    const recorded = fixtureFile.parse(JSON.parse(readFileSync(path.join(root, "step.post/v1.json"), "utf8")));
    expect(payloadSchemas["step.post"].parse(recorded.payload)).toMatchObject({ outcome: "posted" });
  });

  it("turns away a payload missing a required field, naming the field", () => {
    const parsed = payloadSchemas["event.task-resolved"].safeParse({
      documentId: crypto.randomUUID(),
      action: "approve",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error && z.prettifyError(parsed.error)).toContain("taskId");
  });
});

describe("payload schemas and the types the code uses agree", () => {
  it("stored JSON reads as the domain types", () => {
    expectTypeOf<z.output<(typeof payloadSchemas)["stored.extraction"]>>().toExtend<Extraction>();
    expectTypeOf<z.output<(typeof payloadSchemas)["stored.findings"]>>().toExtend<Finding[]>();
    expectTypeOf<z.output<(typeof payloadSchemas)["stored.risk"]>>().toExtend<RiskAssessment>();
    expectTypeOf<z.output<(typeof payloadSchemas)["stored.route"]>>().toExtend<Route>();
  });

  it("what the code writes is accepted: every value of the domain types parses", () => {
    expectTypeOf<Extraction>().toExtend<z.input<(typeof payloadSchemas)["stored.extraction"]>>();
    expectTypeOf<ExtractedText>().toExtend<z.input<(typeof payloadSchemas)["stored.extracted-text"]>>();
    expectTypeOf<Finding[]>().toExtend<z.input<(typeof payloadSchemas)["stored.findings"]>>();
    expectTypeOf<RiskAssessment>().toExtend<z.input<(typeof payloadSchemas)["stored.risk"]>>();
    expectTypeOf<Route>().toExtend<z.input<(typeof payloadSchemas)["stored.route"]>>();
  });

  it("step outputs read as what the steps return", () => {
    expectTypeOf<z.output<typeof checkSummarySchema>>().toExtend<{ route: Route; findings: Finding[] }>();
    expectTypeOf<z.output<typeof openedTaskSchema>>().toExtend<{ taskId: string; openedAt: string }>();
    expectTypeOf<z.output<typeof decisionSchema>>().toExtend<{ outcome: string; action: string | null }>();
  });
});
