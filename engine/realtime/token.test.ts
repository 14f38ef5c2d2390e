import { describe, expect, it } from "vitest";
import { signGrant, TOKEN_TTL_SECONDS, verifyGrant } from "./token";

const secret = Buffer.alloc(32, 7);
const now = 1_800_000_000;

const refusal = (result: ReturnType<typeof verifyGrant>) => ("refused" in result ? result.refused : "accepted");

describe("subscription tokens", () => {
  it("carry their channel and topics until they expire", () => {
    const token = signGrant(secret, { channel: "keel:inbox", topics: ["changed"] }, now);
    expect(verifyGrant(secret, token, now + TOKEN_TTL_SECONDS - 1)).toEqual({
      channel: "keel:inbox",
      topics: ["changed"],
      exp: now + TOKEN_TTL_SECONDS,
    });
    expect(verifyGrant(secret, token, now + TOKEN_TTL_SECONDS)).toEqual({
      refused: "the token has expired: ask the app for a new one",
    });
  });

  it("refuse another key's token and a token whose claims were changed", () => {
    const token = signGrant(secret, { channel: "keel:document:a", topics: ["changed"] }, now);
    expect(refusal(verifyGrant(Buffer.alloc(32, 8), token, now))).toMatch(/not issued/);
    const [header, , signature] = token.split(".");
    const widened = Buffer.from(
      JSON.stringify({ channel: "keel:document:b", topics: ["changed"], exp: now + 60 }),
    ).toString("base64url");
    expect(refusal(verifyGrant(secret, `${header}.${widened}.${signature}`, now))).toMatch(/not issued/);
    expect(verifyGrant(secret, "garbage", now)).toEqual({ refused: "the token is not a JWT" });
  });
});
