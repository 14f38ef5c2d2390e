import { describe, expect, it } from "vitest";
import { createUserSchema, updateUserSchema } from "./users";

const valid = {
  email: " New.Person@Example.com ",
  name: "New Person",
  role: "approver",
  password: "correct horse battery",
  approvalLimit: "7,500.00",
  approvalCurrency: "eur",
};

describe("createUserSchema", () => {
  it("normalises email and currency and reads the limit into minor units", () => {
    const result = createUserSchema.parse(valid);
    expect(result).toMatchObject({
      email: "new.person@example.com",
      approvalCurrency: "EUR",
      approvalLimitMinor: 750000,
    });
    expect(result).not.toHaveProperty("approvalLimit");
  });

  it("puts each problem on its field", () => {
    const result = createUserSchema.safeParse({ ...valid, email: "nope", password: "short", approvalLimit: "lots" });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["email", "password", "approvalLimit"]));
  });

  it.each(["aaaaaaaaaaaa", "password1234"])(
    "refuses the weak password %j with a sentence saying what to do",
    (password) => {
      const result = createUserSchema.safeParse({ ...valid, password });
      expect(result.error?.issues).toEqual([
        expect.objectContaining({
          path: ["password"],
          message: expect.stringMatching(
            /too easy to guess.*Use several unrelated words or a generated password instead\.$/,
          ) as unknown,
        }),
      ]);
    },
  );

  it("refuses a password that is the person's own email address", () => {
    const result = createUserSchema.safeParse({ ...valid, password: "new.person@example.com" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["password"] });
  });

  it("rejects a limit with more decimals than the currency has", () => {
    const result = createUserSchema.safeParse({ ...valid, approvalLimit: "100.5", approvalCurrency: "JPY" });
    expect(result.error?.issues[0]).toMatchObject({
      path: ["approvalLimit"],
      message: "JPY amounts have at most 0 decimals.",
    });
  });

  it("rejects an unknown currency", () => {
    const result = createUserSchema.safeParse({ ...valid, approvalCurrency: "ABC" });
    expect(result.error?.issues[0]?.path).toEqual(["approvalCurrency"]);
  });
});

describe("updateUserSchema", () => {
  it("requires a user id and a known role", () => {
    const result = updateUserSchema.safeParse({
      userId: "x",
      role: "root",
      approvalLimit: "0",
      approvalCurrency: "EUR",
    });
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(["userId", "role"]);
  });
});
