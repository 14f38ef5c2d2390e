import { describe, expect, it } from "vitest";
import { isDatabaseConnectionError } from "./index";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseConnectionError", () => {
  it("recognises lost connections the driver lets escape", () => {
    expect(isDatabaseConnectionError(withCode("write CONNECTION_CLOSED 127.0.0.1:5432", "CONNECTION_CLOSED"))).toBe(
      true,
    );
    expect(isDatabaseConnectionError(withCode("terminating connection due to administrator command", "57P01"))).toBe(
      true,
    );
    const writeBug = new TypeError("Cannot read properties of null (reading 'write')");
    writeBug.stack = `${writeBug.message}\n    at Immediate.nextWrite (node_modules/postgres/src/connection.js:255:22)`;
    expect(isDatabaseConnectionError(writeBug)).toBe(true);
  });

  it("leaves every other error to crash the process", () => {
    expect(isDatabaseConnectionError(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isDatabaseConnectionError(withCode("duplicate key", "23505"))).toBe(false);
    expect(isDatabaseConnectionError("boom")).toBe(false);
  });
});
