import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/db/embedded";

declare module "vitest" {
  export interface ProvidedContext {
    /** A maintenance-database URL on the test server: tests create their own databases from it. */
    adminDatabaseUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole run: TEST_DATABASE_URL's when set (its maintenance database must allow
 * CREATE DATABASE), otherwise embedded, in a throwaway folder.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide("adminDatabaseUrl", external);
    return;
  }
  // Per project: two projects of one run each start a server of their own.
  const dataDir = path.resolve(".tmp", `vitest-pg-${process.pid}-${project.name}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedPostgres({ dataDir, database: "postgres", ephemeral: true });
  project.provide("adminDatabaseUrl", db.adminUrl);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
