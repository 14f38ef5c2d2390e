import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "@/db/queries/api-keys";
import { getUserByEmail } from "@/db/queries/users";
import { verifyPassword } from "@/lib/password";
import { withKeelDatabase } from "../setup/keel-database";

const database = withKeelDatabase();
const exec = promisify(execFile);

async function keel(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/keel.ts", ...args],
      {
        env: { ...process.env, DATABASE_URL: database().url, LOG_LEVEL: "silent" },
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("npm run keel", () => {
  it("creates a user with a generated password that works", async () => {
    const { code, out } = await keel(
      "create-user",
      "--email",
      "cli.user@example.test",
      "--name",
      "Cli User",
      "--role",
      "approver",
      "--limit",
      "2500",
    );
    expect(code).toBe(0);
    const password = /with password (\S+)/.exec(out)?.[1] ?? "";
    const user = await getUserByEmail("cli.user@example.test");
    expect(user).toMatchObject({ role: "approver", approvalLimitMinor: 250000 });
    expect(await verifyPassword(password, user?.passwordHash ?? "")).toBe(true);
  });

  it.each(["aaaaaaaaaaaa", "password1234"])(
    "refuses to create a user with the password %j and says what to do",
    async (password) => {
      const email = `weak-${password}@example.test`;
      const { code, out } = await keel(
        "create-user",
        "--email",
        email,
        "--name",
        "Weak Password",
        "--role",
        "operator",
        "--password",
        password,
      );
      expect(code).toBe(1);
      expect(out).toMatch(
        /--password: This password is too easy to guess.*Use several unrelated words or a generated password instead\./,
      );
      expect(await getUserByEmail(email)).toBeUndefined();
    },
  );

  it("says what is wrong with each bad option", async () => {
    const { code, out } = await keel("create-user", "--email", "nope", "--name", "", "--role", "root");
    expect(code).toBe(1);
    expect(out).toContain("--email: Enter a valid email address.");
    expect(out).toContain("--role: Choose a role.");
  });

  it("creates an API key that authenticates", async () => {
    const { code, out } = await keel("create-api-key", "--name", "ERP import");
    expect(code).toBe(0);
    const secret = /(keel_\S+)/.exec(out)?.[1] ?? "";
    expect((await authenticateApiKey(secret))?.name).toBe("ERP import");
  });

  it("creates an API key that reads only its own uploads, or every document with --read-all", async () => {
    const own = /(keel_\S+)/.exec((await keel("create-api-key", "--name", "ERP")).out)?.[1] ?? "";
    const all = /(keel_\S+)/.exec((await keel("create-api-key", "--name", "Reconciler", "--read-all")).out)?.[1] ?? "";
    expect((await authenticateApiKey(own))?.scope).toBe("own");
    expect((await authenticateApiKey(all))?.scope).toBe("read_all");
  });

  it("refuses to replay a document that has not failed", async () => {
    const { code, out } = await keel("replay", "--document", "00000000-0000-4000-8000-000000000000");
    expect(code).toBe(1);
    expect(out).toContain("is not failed");
  });

  it("says a replay's document id is not one, instead of failing a query", async () => {
    const { code, out } = await keel("replay", "--document", "nope");
    expect(code).toBe(1);
    expect(out).toContain("--document: nope is not a document id");
    expect(out).not.toContain("Failed query");
  });
});
