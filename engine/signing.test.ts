import { describe, expect, it } from "vitest";
import { hashedSigningKey, signBody, verifySignature } from "./signing";

const key = `signkey-test-${"ab".repeat(32)}`;

describe("signing", () => {
  it("verifies its own signature and rejects a tampered body or another key", () => {
    const header = signBody('{"a":1}', key);
    expect(verifySignature('{"a":1}', header, key)).toBe(true);
    expect(verifySignature('{"a":2}', header, key)).toBe(false);
    expect(verifySignature('{"a":1}', header, `signkey-test-${"cd".repeat(32)}`)).toBe(false);
  });

  it("rejects stale signatures", () => {
    const header = signBody("x", key, Math.floor(Date.now() / 1000) - 600);
    expect(verifySignature("x", header, key)).toBe(false);
  });

  it("hashes the key for bearer auth with its prefix kept", () => {
    expect(hashedSigningKey(key)).toMatch(/^signkey-test-[0-9a-f]{64}$/);
  });
});
