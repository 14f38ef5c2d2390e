import { describe, expect, it } from "vitest";
import { liveChannel, liveReadPermission, liveTargetSchema } from "./realtime";

describe("live targets", () => {
  const id = "0f8fad5b-d9cb-469f-a165-70867728950e";

  it("name one channel each, and the right that reads them", () => {
    expect(liveChannel({ kind: "document", id })).toBe(`keel:document:${id}`);
    expect(liveChannel({ kind: "ticket", id })).toBe(`keel:ticket:${id}`);
    expect(liveChannel({ kind: "inbox" })).toBe("keel:inbox");
    expect(liveReadPermission({ kind: "ticket", id })).toBe("tickets:view");
  });

  it("refuse an id that could reach into another channel's name", () => {
    expect(liveTargetSchema.safeParse({ kind: "document", id: `${id}:x` }).success).toBe(false);
    expect(liveTargetSchema.safeParse({ kind: "runs" }).success).toBe(false);
  });
});
