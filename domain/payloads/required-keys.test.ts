import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { payloadSchemas } from "./index";
import { requiredKeys, withNewKinds } from "./required-keys";

/** The required keys of every payload kind when its shapes last shipped; only optional fields may be added. */
const listFile = "tests/fixtures/payloads/required-keys.json";
const committed = z
  .record(z.string(), z.array(z.string()))
  .parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../..", listFile), "utf8")));

describe("payload schemas only add optional fields", () => {
  it.each(Object.entries(payloadSchemas))("%s requires no key it did not require before", (kind, schema) => {
    const before = committed[kind];
    if (!before)
      throw new Error(`${kind} has no entry in ${listFile}: add its required keys there when it first ships.`);
    const added = requiredKeys(schema).filter((key) => !before.includes(key));
    if (added.length > 0)
      throw new Error(
        `${kind} now requires ${added.join(", ")}, which payloads recorded by earlier versions lack. ` +
          "Make it optional with a default (`.optional()` or `.default(…)`) so waiting runs and stored rows still parse.",
      );
  });

  it.each(Object.entries(payloadSchemas))("%s is listed with exactly the keys it requires", (kind, schema) => {
    // A key no longer required is fine for old payloads; the list follows so a later change is judged against it.
    expect(committed[kind], `update ${kind} in ${listFile}`).toEqual(requiredKeys(schema));
  });

  it("lists no kind that has no schema", () => {
    expect(Object.keys(committed).filter((kind) => !(kind in payloadSchemas))).toEqual([]);
  });
});

describe("requiredKeys", () => {
  it("lists nested required keys and leaves out optional and defaulted ones", () => {
    const schema = z.object({
      id: z.string(),
      note: z.string().optional(),
      tries: z.number().default(0),
      lines: z.array(z.object({ amountMinor: z.number(), sku: z.string().nullable().optional() })),
      route: z.union([z.object({ kind: z.literal("a") }), z.object({ kind: z.literal("b"), hours: z.number() })]),
    });
    expect(requiredKeys(schema)).toEqual(["id", "lines", "lines[].amountMinor", "route", "route.hours", "route.kind"]);
  });

  it("sees a field added as required after a schema shipped", () => {
    const shipped = z.object({ id: z.string() });
    const changed = shipped.extend({ reason: z.string() });
    const additive = shipped.extend({ reason: z.string().default("") });
    expect(requiredKeys(changed)).toContain("reason");
    expect(requiredKeys(additive)).not.toContain("reason");
  });
});

describe("withNewKinds", () => {
  it("lists a kind new to the schemas and leaves the shipped ones as they are", () => {
    const committed = { "event.old": ["id"] };
    const schemas = {
      "event.old": z.object({ id: z.string(), added: z.string() }),
      "event.new": z.object({ at: z.string() }),
    };
    expect(withNewKinds(committed, schemas)).toEqual({
      list: { "event.old": ["id"], "event.new": ["at"] },
      added: ["event.new"],
    });
  });
});
