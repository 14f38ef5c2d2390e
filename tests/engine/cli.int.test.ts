import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { destroyEmbeddedData } from "@/db/embedded";
import { findFreePort } from "@/lib/net";
import { createIsolatedDatabase } from "../setup/database";
import { startTsProcess } from "./processes";

let db: { url: string; drop: () => Promise<void> };

beforeAll(async () => {
  db = await createIsolatedDatabase("cli");
});

afterAll(async () => {
  await db.drop();
});

function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve(import.meta.dirname, "../../scripts/engine.ts")],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stderr })));
}

describe("engine CLI", () => {
  it("prints where it listens and in which mode, and exits cleanly on SIGTERM", async () => {
    const port = await findFreePort();
    const engine = await startTsProcess(
      "scripts/engine.ts",
      { ENGINE_DATABASE_URL: db.url, ENGINE_PORT: String(port), ENGINE_LOG_LEVEL: "error", INNGEST_SIGNING_KEY: "" },
      /Inngest engine listening/,
    );
    expect(engine.output()).toContain(`Inngest engine listening on http://127.0.0.1:${port} (dev mode)`);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => engine.process.once("exit", (code) => resolve(code)));
    engine.process.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("needs nothing: without a database URL it runs its own embedded PostgreSQL, says where, and stops it on SIGTERM", async () => {
    const port = await findFreePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "engine-alone-"));
    try {
      const engine = await startTsProcess(
        "scripts/engine.ts",
        {
          ENGINE_DATABASE_URL: "",
          DATABASE_URL: "",
          ENGINE_DATA_DIR: dataDir,
          ENGINE_PORT: String(port),
          ENGINE_LOG_LEVEL: "error",
          INNGEST_SIGNING_KEY: "",
        },
        /Inngest engine listening/,
      );
      expect(engine.output()).toMatch(/Engine database: embedded PostgreSQL on 127\.0\.0\.1:\d+ \(data in .*postgres/);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const pidFile = path.join(realpathSync(path.join(dataDir, "postgres")), "postmaster.pid");
      expect(existsSync(pidFile)).toBe(true);
      const exited = new Promise<number | null>((resolve) => engine.process.once("exit", (code) => resolve(code)));
      engine.process.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      destroyEmbeddedData(path.join(dataDir, "postgres"));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses to start with a bad variable, naming it", async () => {
    const result = await runToExit({ ENGINE_DATABASE_URL: db.url, ENGINE_PORT: "eighty" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ENGINE_PORT/);
  });
});
