import { describe, expect, it } from "vitest";
import { InvalidSignalError, parseSignalRequest, signalConflictError } from "./signals";

describe("parseSignalRequest", () => {
  it("reads the SDK's body, data defaulting to null", () => {
    expect(parseSignalRequest({ signal: "task/1", data: { ok: true } })).toEqual({
      signal: "task/1",
      data: { ok: true },
    });
    expect(parseSignalRequest({ signal: "task/1" })).toEqual({ signal: "task/1", data: null });
  });

  it("refuses what is not a named signal, saying what to send", () => {
    for (const body of [null, [], "task/1", { data: 1 }, { signal: "" }, { signal: " " }, { signal: 5 }])
      expect(() => parseSignalRequest(body)).toThrow(InvalidSignalError);
    expect(() => parseSignalRequest({ signal: "" })).toThrow(/"signal" must be a non-empty string/);
  });
});

describe("signalConflictError", () => {
  it("names the run holding the signal and the way out", () => {
    expect(signalConflictError("task/1", "run-a").message).toBe(
      'step.waitForSignal: run run-a is already waiting for signal "task/1"; give each wait a unique signal, or pass onConflict: "replace" to take the signal over',
    );
  });
});
