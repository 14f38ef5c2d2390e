import net from "node:net";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { expect, test } from "../fixtures";
import { findFreePort } from "@/lib/net";
import { launchKeel, stop, waitForHttp } from "../support/processes";

// Each test starts its own Keel; together they would compete for the two cores.
test.describe.configure({ mode: "serial" });

function tempDir(name: string): string {
  const dir = path.resolve(".tmp", `launcher-${name}-${process.pid}-${Date.now()}`);
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

test("a first start on the embedded database says which database it uses, seeds, and the printed credentials work", async ({
  browserName,
}, testInfo) => {
  testInfo.setTimeout(120_000);
  const dataDir = tempDir("embedded");
  const port = await findFreePort();
  const keel = launchKeel({ PORT: String(port), ENGINE_PORT: String(await findFreePort()), KEEL_DATA_DIR: dataDir });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/login`, keel.child, 90_000);
    const output = keel.output();
    expect(output).toMatch(/Keel database: embedded PostgreSQL 18 on 127\.0\.0\.1:\d+/);
    const match = /admin\s+admin@keel\.local\s+password: (\S+)/.exec(output);
    expect(match, output).not.toBeNull();
    expect(fs.readFileSync(path.join(dataDir, "demo-credentials.txt"), "utf8")).toContain(match?.[1] ?? "-");

    expect(browserName).toBe("chromium");
    const browser = await chromium.launch(testInfo.project.use.launchOptions);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/login`);
    await page.getByLabel("Email").fill("admin@keel.local");
    await page.getByLabel("Password").fill(match?.[1] ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("link", { name: "Settings" })).toBeVisible();
    await browser.close();
  } finally {
    await stop(keel);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // The clean stop leaves no server behind: the data folder's Postgres is gone with Keel.
  expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
});

test("a taken port stops the start with a clear message", async () => {
  const blocker = net.createServer();
  const port = await findFreePort();
  await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
  try {
    const keel = launchKeel({ PORT: String(port), KEEL_DATA_DIR: tempDir("port") });
    expect(await keel.exited).toBe(1);
    expect(keel.output()).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
    expect(keel.output()).toContain(`PORT=${port + 1} npm run start`);
    expect(keel.output()).not.toMatch(/\n\s+at /);
  } finally {
    blocker.close();
  }
});

test("an unreachable DATABASE_URL stops the start with a clear message", async () => {
  const deadPort = await findFreePort();
  const keel = launchKeel({
    PORT: String(await findFreePort()),
    DATABASE_URL: `postgres://keel:secret@127.0.0.1:${deadPort}/keel`,
    KEEL_DATA_DIR: tempDir("dburl"),
  });
  expect(await keel.exited).toBe(1);
  expect(keel.output()).toContain(`Cannot reach the database at postgres://keel:****@127.0.0.1:${deadPort}/keel`);
  expect(keel.output()).toContain("Check DATABASE_URL, or unset it");
  expect(keel.output()).not.toContain("secret");
  expect(keel.output()).not.toMatch(/\n\s+at /);
});

test("a bad environment variable stops the start naming it", async () => {
  const keel = launchKeel({ PORT: "not-a-port", KEEL_DATA_DIR: tempDir("env") });
  expect(await keel.exited).toBe(1);
  expect(keel.output()).toContain("Keel cannot start: some environment variables are wrong.");
  expect(keel.output()).toMatch(/PORT: /);
});
