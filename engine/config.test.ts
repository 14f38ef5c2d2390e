import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

describe("loadConfig", () => {
  it("defaults to the dev server's address", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u@localhost/db" });
    expect(config).toMatchObject({ port: 8288, host: "127.0.0.1", appUrls: [], testTiming: false, retentionDays: 7 });
  });

  it("reads the retention in days, 0 keeping everything", () => {
    const base = { DATABASE_URL: "postgres://u@localhost/db" };
    expect(loadConfig({ ...base, ENGINE_RETENTION_DAYS: "30" }).retentionDays).toBe(30);
    expect(loadConfig({ ...base, ENGINE_RETENTION_DAYS: "0.5" }).retentionDays).toBe(0.5);
    expect(loadConfig({ ...base, ENGINE_RETENTION_DAYS: "0" }).retentionDays).toBe(0);
    expect(() => loadConfig({ ...base, ENGINE_RETENTION_DAYS: "-1" })).toThrow(/ENGINE_RETENTION_DAYS/);
    expect(() => loadConfig({ ...base, ENGINE_RETENTION_DAYS: "week" })).toThrow(/ENGINE_RETENTION_DAYS/);
  });

  it("checkpoints unless ENGINE_CHECKPOINTING turns it off, and names a value it cannot read", () => {
    const base = { DATABASE_URL: "postgres://u@localhost/db" };
    expect(loadConfig(base).checkpointing).toBe(true);
    expect(loadConfig({ ...base, ENGINE_CHECKPOINTING: "" }).checkpointing).toBe(true);
    expect(loadConfig({ ...base, ENGINE_CHECKPOINTING: "1" }).checkpointing).toBe(true);
    expect(loadConfig({ ...base, ENGINE_CHECKPOINTING: "0" }).checkpointing).toBe(false);
    expect(loadConfig({ ...base, ENGINE_CHECKPOINTING: "false" }).checkpointing).toBe(false);
    expect(() => loadConfig({ ...base, ENGINE_CHECKPOINTING: "off" })).toThrow(/ENGINE_CHECKPOINTING: expected 1 or 0/);
  });

  it("prefers ENGINE_DATABASE_URL and splits app URLs", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@localhost/app",
      ENGINE_DATABASE_URL: "postgres://u@localhost/engine",
      ENGINE_APP_URLS: "http://127.0.0.1:3000/api/inngest, http://127.0.0.1:3001/api/inngest",
      ENGINE_TEST_TIMING: "1",
    });
    expect(config.databaseUrl).toBe("postgres://u@localhost/engine");
    expect(config.appUrls).toHaveLength(2);
    expect(config.testTiming).toBe(true);
  });

  it("accepts events under INNGEST_EVENT_KEY and every key in ENGINE_EVENT_KEYS", () => {
    const base = { DATABASE_URL: "postgres://u@localhost/db" };
    expect(loadConfig(base).eventKeys).toEqual([]);
    expect(loadConfig({ ...base, INNGEST_EVENT_KEY: "a", ENGINE_EVENT_KEYS: "b, c" }).eventKeys).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("names the bad variable", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://u@localhost/db", ENGINE_PORT: "http" })).toThrow(/ENGINE_PORT/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://u@localhost/db", INNGEST_SIGNING_KEY: "nope" })).toThrow(
      /INNGEST_SIGNING_KEY/,
    );
  });

  it("leaves the database to the CLI's own embedded PostgreSQL when none is set, in .keel/engine", () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: undefined, dataDir: ".keel/engine", port: 8288 });
  });
});
