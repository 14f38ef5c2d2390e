import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it.each([
    "aaaaaaaaaaaa",
    "password1234",
    "Password1234",
    "123456789012",
    "qwertyuiopas",
    "abcdefghijkl",
    "p@ssw0rd2024",
    "iloveyou1234",
    "abcabcabcabc",
    "1qaz2wsx3edc",
    "letmeinletmein",
  ])("refuses %j, saying what to do instead", (password) => {
    const problem = passwordProblem(password);
    expect(problem).toMatch(
      /^This password is too easy to guess[.:] .*Use several unrelated words or a generated password instead\.$/,
    );
  });

  it("refuses a password made of the person's own name or email", () => {
    expect(passwordProblem("ada.lovelace@example.com", ["ada.lovelace@example.com", "Ada Lovelace"])).not.toBeNull();
  });

  it.each(["Tangerine-Cobalt-Harbor-42", "correct horse battery staple", "q7Lk2_vR9xPz-3mWt8Yb"])(
    "accepts %j",
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );

  it("judges a long repetitive password in well under a second", () => {
    const started = performance.now();
    expect(passwordProblem("ab1".repeat(66))).not.toBeNull();
    expect(passwordProblem("Xq7!".repeat(50))).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("keeps the length rules", () => {
    expect(passwordProblem("Xk9#mQ2$")).toBe("Use at least 12 characters.");
    expect(passwordProblem("x".repeat(201))).toBe("Use at most 200 characters.");
  });
});
