import { describe, expect, it } from "vitest";
import { afterFailure, classifySmtpError, MAX_DELIVERY_ATTEMPTS } from "./classify";

function smtpError(message: string, fields: { responseCode?: number; code?: string }): Error {
  return Object.assign(new Error(message), fields);
}

describe("classifySmtpError", () => {
  it("treats a 5xx refusal as permanent", () => {
    expect(classifySmtpError(smtpError("550 mailbox unavailable", { responseCode: 550, code: "EENVELOPE" }))).toEqual({
      permanent: true,
      error: "550 mailbox unavailable",
    });
  });

  it("treats a 4xx reply as transient", () => {
    expect(
      classifySmtpError(smtpError("451 try again later", { responseCode: 451, code: "EENVELOPE" })).permanent,
    ).toBe(false);
  });

  it("treats connection problems without a reply code as transient", () => {
    expect(classifySmtpError(smtpError("connect ECONNREFUSED 127.0.0.1:25", { code: "ESOCKET" })).permanent).toBe(
      false,
    );
    expect(classifySmtpError(smtpError("Greeting never received", { code: "ETIMEDOUT" })).permanent).toBe(false);
  });

  it("keeps a rejected login transient, since fixing SMTP_URL should let the queue drain", () => {
    expect(
      classifySmtpError(smtpError("Invalid login: 535 authentication failed", { responseCode: 535, code: "EAUTH" }))
        .permanent,
    ).toBe(false);
  });

  it("describes what is not an Error and shortens long messages", () => {
    expect(classifySmtpError("boom")).toEqual({ permanent: false, error: "boom" });
    expect(classifySmtpError(new Error("x".repeat(2000))).error).toHaveLength(500);
  });
});

describe("afterFailure", () => {
  const transient = { permanent: false, error: "451" };

  it("fails a permanent refusal at once", () => {
    expect(afterFailure({ permanent: true, error: "550" }, 1)).toEqual({ status: "failed" });
  });

  it("retries a transient failure after doubling waits, capped at an hour", () => {
    expect([1, 2, 3, 7].map((attempts) => afterFailure(transient, attempts))).toEqual([
      { status: "retry", retryInMs: 60_000 },
      { status: "retry", retryInMs: 120_000 },
      { status: "retry", retryInMs: 240_000 },
      { status: "retry", retryInMs: 3_600_000 },
    ]);
  });

  it("gives up once the last attempt has failed", () => {
    expect(afterFailure(transient, MAX_DELIVERY_ATTEMPTS)).toEqual({ status: "failed" });
  });
});
