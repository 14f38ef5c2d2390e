import { describe, expect, it } from "vitest";
import { EnvError, inboundMailDomain, parseEnv } from "./env";

describe("inbound mail settings", () => {
  it("leaves the SMTP listener off unless a port is set", () => {
    expect(parseEnv({}).INBOUND_SMTP_PORT).toBeUndefined();
    expect(parseEnv({ INBOUND_SMTP_PORT: "" }).INBOUND_SMTP_PORT).toBeUndefined();
    expect(parseEnv({ INBOUND_SMTP_PORT: "2525" }).INBOUND_SMTP_PORT).toBe(2525);
  });

  it("refuses a port that is not one, naming the variable", () => {
    for (const value of ["0", "70000", "smtp", "25.5"]) {
      try {
        parseEnv({ INBOUND_SMTP_PORT: value });
        expect.unreachable(`INBOUND_SMTP_PORT=${value} was taken`);
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        expect((error as EnvError).problems).toEqual([
          { name: "INBOUND_SMTP_PORT", message: expect.stringContaining("must be a port from 1 to 65535") as string },
        ]);
      }
    }
  });

  it("takes mail for INBOUND_SMTP_DOMAIN, else the domain Keel sends from", () => {
    expect(inboundMailDomain(parseEnv({ INBOUND_SMTP_DOMAIN: "Support.Example.com" }))).toBe("support.example.com");
    expect(inboundMailDomain(parseEnv({ KEEL_MAIL_FROM: "Keel <help@Shop.example>" }))).toBe("shop.example");
    expect(inboundMailDomain(parseEnv({}))).toBe("localhost");
    expect(() => parseEnv({ INBOUND_SMTP_DOMAIN: "not a domain" })).toThrow(/INBOUND_SMTP_DOMAIN/);
  });
});
