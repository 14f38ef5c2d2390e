import { describe, expect, it } from "vitest";
import { parseEnv, smtpServer } from "@/lib/env";

describe("mail settings", () => {
  it("keeps emails in the outbox unless SMTP_URL is set, and sends as Keel <keel@localhost> by default", () => {
    const env = parseEnv({ SMTP_URL: "", KEEL_MAIL_FROM: "" });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.KEEL_MAIL_FROM).toBe("Keel <keel@localhost>");
    expect(smtpServer(env)).toBeUndefined();
  });

  it("accepts smtp:// and smtps:// URLs and shows only their host", () => {
    expect(smtpServer(parseEnv({ SMTP_URL: "smtp://user:p%40ss@mail.example.com:587" }))).toBe("mail.example.com:587");
    expect(smtpServer(parseEnv({ SMTP_URL: "smtps://user:secret@mail.example.com" }))).toBe("mail.example.com");
  });

  it.each(["https://mail.example.com", "mail.example.com:587", "smtp://"])(
    "rejects SMTP_URL=%s with a message naming the variable",
    (url) => {
      expect(() => parseEnv({ SMTP_URL: url })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    },
  );

  it("accepts a bare or named sender address and rejects anything else", () => {
    expect(parseEnv({ KEEL_MAIL_FROM: "ap@example.com" }).KEEL_MAIL_FROM).toBe("ap@example.com");
    expect(parseEnv({ KEEL_MAIL_FROM: "Accounts Payable <ap@example.com>" }).KEEL_MAIL_FROM).toBe(
      "Accounts Payable <ap@example.com>",
    );
    expect(() => parseEnv({ KEEL_MAIL_FROM: "Accounts Payable" })).toThrow(/KEEL_MAIL_FROM: must be an address/);
  });
});
