import { describe, expect, it } from "vitest";
import { payloadSchemas } from "@/domain/payloads/index";
import * as catalog from "./catalog";

/** Every event in the catalog is a versioned payload: its schema is the one its recorded fixtures are parsed with. */
const events = Object.entries(catalog).flatMap(([exported, value]) =>
  typeof value === "object" && "name" in value && "schema" in value
    ? [{ exported, name: value.name, schema: value.schema }]
    : [],
);

/** `keel/task.resolved` is the payload kind `event.task-resolved`. */
const kindOf = (name: string) => `event.${name.replace(/^keel\//, "").replace(".", "-")}`;

describe("the event catalog", () => {
  it("holds the events Keel sends", () => {
    expect(events.map((e) => e.name)).toEqual(
      expect.arrayContaining(["keel/document.received", "keel/task.resolved", "keel/email.queued"]),
    );
  });

  it.each(events)("$name takes its schema from domain/payloads, where its shapes are recorded", ({ name, schema }) => {
    const kind = kindOf(name);
    expect(kind in payloadSchemas, `add ${kind} to domain/payloads/index.ts with a recorded fixture`).toBe(true);
    expect(schema).toBe(payloadSchemas[kind as keyof typeof payloadSchemas]);
  });
});
