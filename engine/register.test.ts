import { describe, expect, it } from "vitest";
import { SyncError, validateFunction } from "./register";
import type { FunctionConfig } from "./types";

const fn = (extra: Partial<FunctionConfig>): FunctionConfig => ({
  id: "app-model-call",
  name: "model call",
  triggers: [{ event: "ai/model.call" }],
  steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "http://127.0.0.1:3000/api/inngest" } } },
  ...extra,
});

describe("validateFunction: timeouts", () => {
  it("accepts Inngest durations for start and finish, and either alone", () => {
    expect(() => validateFunction(fn({ timeouts: { start: "2s", finish: "1h30m" } }))).not.toThrow();
    expect(() => validateFunction(fn({ timeouts: { start: "500ms" } }))).not.toThrow();
    expect(() => validateFunction(fn({ timeouts: { finish: "2d" } }))).not.toThrow();
  });

  it("refuses a duration it cannot read, naming the field and the value", () => {
    expect(() => validateFunction(fn({ timeouts: { start: "soon" } }))).toThrow(SyncError);
    expect(() => validateFunction(fn({ timeouts: { start: "soon" } }))).toThrow(
      'function "app-model-call" timeouts.start: Invalid duration "soon"',
    );
    expect(() => validateFunction(fn({ timeouts: { finish: "10 minutes" } }))).toThrow(
      /timeouts\.finish: Invalid duration "10 minutes"/,
    );
  });
});

describe("validateFunction: triggers", () => {
  it("accepts an invoke-only function, whose trigger list the SDK sends empty, and refuses one with no list", () => {
    expect(() => validateFunction(fn({ triggers: [] }))).not.toThrow();
    expect(() => validateFunction(fn({ triggers: undefined }))).toThrow(
      'function "app-model-call" has no triggers list',
    );
  });
});
