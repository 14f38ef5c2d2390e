import { describe, expect, it } from "vitest";
import { matches } from "./expr";
import { eventKeys, pauseKey } from "./pause-match";

const runEvent = { name: "a/start", data: { k: "x1", n: 7, nested: { id: true }, list: [1], none: null } };

describe("pauseKey", () => {
  it("keys the SDK's match expression on the incoming event's path, with the run's value", () => {
    expect(pauseKey("event.data.k == async.data.k", runEvent)).toEqual({ path: "data.k", value: '"x1"' });
    expect(pauseKey("async.data.ref == event.data.n", runEvent)).toEqual({ path: "data.ref", value: "7" });
    expect(pauseKey("event.data.nested.id == async.data.flag", runEvent)).toEqual({ path: "data.flag", value: "true" });
  });

  it("keys a comparison that is one operand of a top-level && chain, through parentheses and string literals", () => {
    const k = { path: "data.k", value: '"x1"' };
    expect(pauseKey("event.data.k == async.data.k && async.data.ok", runEvent)).toEqual(k);
    expect(pauseKey("async.data.status == 'paid' && (async.data.k == event.data.k)", runEvent)).toEqual(k);
    expect(pauseKey("(async.data.n > 3 && event.data.k == async.data.k) && true", runEvent)).toEqual(k);
    expect(pauseKey("(async.data.ok) && (event.data.k == async.data.k)", runEvent)).toEqual(k);
    expect(pauseKey('async.data.note == "a || b ? (c" && event.data.k == async.data.k', runEvent)).toEqual(k);
    // The first operand that keys is used: here the run's event has no value at data.missing.
    expect(pauseKey("event.data.missing == async.data.m && event.data.n == async.data.ref", runEvent)).toEqual({
      path: "data.ref",
      value: "7",
    });
  });

  it("leaves every other expression, and non-scalar or missing values, unkeyed", () => {
    expect(pauseKey(undefined, runEvent)).toBeUndefined();
    expect(pauseKey("async.data.k == 'x1'", runEvent)).toBeUndefined();
    expect(pauseKey("event.data.k == async.data.k || async.data.ok", runEvent)).toBeUndefined();
    expect(pauseKey("async.data.ok && event.data.k == async.data.k || true", runEvent)).toBeUndefined();
    expect(pauseKey("!(event.data.k == async.data.k && async.data.ok)", runEvent)).toBeUndefined();
    expect(pauseKey("async.data.ok ? event.data.k == async.data.k : true", runEvent)).toBeUndefined();
    expect(pauseKey("(event.data.k == async.data.k) == async.data.ok", runEvent)).toBeUndefined();
    // Written in ways this reader does not follow: a triple-quoted string or an escape could hide a quote.
    expect(pauseKey('async.data.s == """x " && event.data.k == async.data.k && " y"""', runEvent)).toBeUndefined();
    expect(pauseKey('async.data.s == "\\" && event.data.k == async.data.k', runEvent)).toBeUndefined();
    expect(pauseKey("event.data.list == async.data.list", runEvent)).toBeUndefined();
    expect(pauseKey("event.data.none == async.data.none", runEvent)).toBeUndefined();
    expect(pauseKey("event.data.nested == async.data.nested", runEvent)).toBeUndefined();
    expect(pauseKey("event.data.missing == async.data.k", runEvent)).toBeUndefined();
  });
});

describe("eventKeys", () => {
  it("offers every scalar at any depth of nested objects, and nothing inside arrays", () => {
    const keys = eventKeys({ name: "a/resume", data: { k: "x1", deep: { n: 7 }, list: [{ k: "x2" }], none: null } });
    expect(keys?.paths).toEqual(["name", "data.k", "data.deep.n"]);
    expect(keys?.values).toEqual(['"a/resume"', '"x1"', "7"]);
  });

  it("gives up on an event with too many fields, so the caller reads every pause on the name", () => {
    const data = Object.fromEntries(Array.from({ length: 2_001 }, (_, i) => [`f${i}`, i]));
    expect(eventKeys({ name: "a/big", data })).toBeUndefined();
  });

  it("never leaves out a pause the full expression matches", () => {
    const incoming = [
      { name: "a/resume", data: { k: "x1" } },
      { name: "a/resume", data: { k: "x2" } },
      { name: "a/resume", data: { k: 7, n: 7.0 } },
      { name: "a/resume", data: { ref: 7, flag: true } },
      { name: "a/resume", data: {} },
    ];
    const expressions = [
      "event.data.k == async.data.k",
      "async.data.ref == event.data.n",
      "event.data.n == async.data.n",
      "event.data.nested.id == async.data.flag",
      "event.data.k == async.data.k && has(async.data.k)",
      "(async.data.ref == event.data.n) && async.data.flag == true",
      "async.name == 'a/resume' && (event.data.n == async.data.n && async.data.k != 'x2')",
    ];
    for (const async of incoming) {
      const keys = eventKeys(async);
      for (const expression of expressions) {
        const key = pauseKey(expression, runEvent);
        if (!key || !matches(expression, { event: runEvent, async })) continue;
        const offered = keys?.paths.some((path, i) => path === key.path && keys.values[i] === key.value);
        expect(offered, `${expression} with ${JSON.stringify(async)}`).toBe(true);
      }
    }
  });
});
