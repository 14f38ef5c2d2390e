import { describe, expect, it } from "vitest";
import { EnvError, inngestServeUrl, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, KEEL_HOST: "127.0.0.1", KEEL_DATA_DIR: ".keel" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names each bad variable and what is wrong with it", () => {
    let caught: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty", AUTH_SECRET: "short" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const problems = (caught as EnvError).problems.map((p) => p.name).sort();
    expect(problems).toEqual(["AUTH_SECRET", "DATABASE_URL", "PORT"]);
    expect((caught as EnvError).message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
  });

  it("asks for the whole OIDC set once part of it is given", () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: "https://id.example.com" })).toThrow(
      /AUTH_OIDC_CLIENT_ID: is required when AUTH_OIDC_ISSUER is set/,
    );
  });
});

describe("inngestServeUrl", () => {
  it("takes KEEL_SERVE_URL as it is, before AUTH_URL", () => {
    const e = parseEnv({
      KEEL_SERVE_URL: "https://jobs.example.com/x/api/inngest",
      AUTH_URL: "https://keel.example.com",
    });
    expect(inngestServeUrl(e).href).toBe("https://jobs.example.com/x/api/inngest");
  });

  it("serves at AUTH_URL's origin, whatever path Auth.js was given", () => {
    expect(inngestServeUrl(parseEnv({ AUTH_URL: "https://keel.example.com/api/auth" })).href).toBe(
      "https://keel.example.com/api/inngest",
    );
  });

  it("falls back to where Keel listens, on loopback when it listens on every interface", () => {
    expect(inngestServeUrl(parseEnv({ PORT: "3100" })).href).toBe("http://127.0.0.1:3100/api/inngest");
    expect(inngestServeUrl(parseEnv({ PORT: "3100", KEEL_HOST: "0.0.0.0" })).href).toBe(
      "http://127.0.0.1:3100/api/inngest",
    );
    expect(inngestServeUrl(parseEnv({ PORT: "3100", KEEL_HOST: "::1" })).href).toBe("http://[::1]:3100/api/inngest");
  });
});
