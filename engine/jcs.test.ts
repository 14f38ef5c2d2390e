import { describe, expect, it } from "vitest";
import { canonicalJson } from "./jcs";

describe("canonicalJson", () => {
  it("sorts keys recursively and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("sorts by UTF-16 code units, not locale", () => {
    expect(canonicalJson({ "\u20ac": 1, "\r": 2, "1": 3, a: 4, A: 5 })).toBe('{"\\r":2,"1":3,"A":5,"a":4,"€":1}');
  });

  it("formats numbers like ECMAScript", () => {
    expect(canonicalJson([1e21, 1e-7, 0.1, -0, 333333333.3333333, 4.5, 100])).toBe(
      "[1e+21,1e-7,0.1,0,333333333.3333333,4.5,100]",
    );
  });

  it("escapes strings like JSON.stringify and omits undefined members", () => {
    expect(canonicalJson({ s: 'a"\u0001\n', u: undefined, arr: [undefined] })).toBe(
      '{"arr":[null],"s":"a\\"\\u0001\\n"}',
    );
  });

  it("rejects non-finite numbers", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/JCS/);
  });
});
