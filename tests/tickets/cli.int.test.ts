import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCustomerByEmail, getOrderByReference } from "@/db/queries/customers";
import { withKeelDatabase } from "../setup/keel-database";
import { suffix } from "./factories";

const database = withKeelDatabase();
const exec = promisify(execFile);
let folder = "";

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "keel-import-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function keel(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/keel.ts", ...args],
      { env: { ...process.env, DATABASE_URL: database().url, LOG_LEVEL: "silent" } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function csvFile(name: string, text: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, text);
  return file;
}

describe("npm run keel -- import-customers / import-orders", () => {
  it("imports customers, then their orders", async () => {
    const id = suffix();
    const customers = await csvFile(`customers-${id}.csv`, `email,name\ncli-${id}@example.test,Cli Customer\n`);
    expect(await keel("import-customers", customers)).toEqual({
      code: 0,
      out: `Imported ${customers}: 1 added, 0 updated.\n`,
    });
    const orders = await csvFile(
      `orders-${id}.csv`,
      `reference,customer_email,currency,total,paid_at,status\nC-${id},cli-${id}@example.test,EUR,19.99,2026-03-02,paid\n`,
    );
    expect((await keel("import-orders", orders)).code).toBe(0);
    expect(await getOrderByReference(`C-${id}`)).toMatchObject({ totalMinor: 1999, currency: "EUR" });
  });

  it("names every bad line, imports nothing, and exits non-zero", async () => {
    const id = suffix();
    const file = await csvFile(`bad-${id}.csv`, `email,name\nok-${id}@example.test,Ok\nnot-an-email,Bad\n`);
    const { code, out } = await keel("import-customers", file);
    expect(code).not.toBe(0);
    expect(out).toContain("Line 3: Write a valid email address, such as ana@example.com.");
    expect(out).toContain(`Nothing was imported from ${file}.`);
    expect(await getCustomerByEmail(`ok-${id}@example.test`)).toBeUndefined();
  });

  it("says what to give when the file is missing", async () => {
    const { code, out } = await keel("import-orders", path.join(folder, "missing.csv"));
    expect(code).not.toBe(0);
    expect(out).toContain("no such file; give the path of a CSV file.");
  });
});
