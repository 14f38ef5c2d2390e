import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

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
