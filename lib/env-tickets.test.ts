import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { envProblems } from "./testing/env-problems";

describe("ticket risk settings", () => {
  it("defaults to 100.00 in EUR, USD and GBP, 90 days between refunds and 75 % confidence", () => {
    const e = parseEnv({});
    expect(e.KEEL_TICKET_REFUND_LIMITS).toEqual({ EUR: 10_000, USD: 10_000, GBP: 10_000 });
    expect(e.KEEL_TICKET_REPEAT_REFUND_DAYS).toBe(90);
    expect(e.KEEL_TICKET_MIN_CONFIDENCE).toBe(0.75);
  });

  it("reads refund limits per currency in major units, each currency's own decimals", () => {
    expect(
      parseEnv({ KEEL_TICKET_REFUND_LIMITS: "eur:250, JPY:10000 ,USD:1000.50" }).KEEL_TICKET_REFUND_LIMITS,
    ).toEqual({ EUR: 25_000, JPY: 10_000, USD: 100_050 });
    // Empty: no currency has a limit, so every refund is flagged for care.
    expect(parseEnv({ KEEL_TICKET_REFUND_LIMITS: "" }).KEEL_TICKET_REFUND_LIMITS).toEqual({});
  });

  it("refuses a limit it cannot read with a sentence naming the variable and what to write", () => {
    expect(envProblems({ KEEL_TICKET_REFUND_LIMITS: "100" })).toEqual([
      {
        name: "KEEL_TICKET_REFUND_LIMITS",
        message: '"100" is not a currency and an amount; write them as EUR:100.00,USD:100.00',
      },
    ]);
    expect(envProblems({ KEEL_TICKET_REFUND_LIMITS: "EUR:ten" })[0]?.message).toBe(
      '"EUR:ten" has no amount Keel can read; write it as EUR:100.00',
    );
    expect(envProblems({ KEEL_TICKET_REFUND_LIMITS: "JPY:10.5" })[0]?.message).toContain("write it as JPY:100.00");
    expect(envProblems({ KEEL_TICKET_REFUND_LIMITS: "EUR:1,EUR:2" })[0]?.message).toBe(
      "EUR is given twice; give each currency once",
    );
    expect(envProblems({ KEEL_TICKET_REPEAT_REFUND_DAYS: "0" })[0]?.name).toBe("KEEL_TICKET_REPEAT_REFUND_DAYS");
    expect(envProblems({ KEEL_TICKET_MIN_CONFIDENCE: "75" })[0]?.message).toBe(
      "must be a number from 0 to 1, such as 0.75",
    );
  });
});
