import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabase, StartupError, type ResolvedDatabase } from "@/lib/launcher/database";
import { prepareDatabase } from "@/lib/launcher/prepare";
import { localAuthSecret } from "@/lib/launcher/secret";
import { childEnv, env, EnvError } from "@/lib/env";
import { isPortFree } from "@/lib/net";

/**
 * `npm run dev` / `npm start`: one command that brings up everything Keel needs on this machine —
 * the database (embedded unless DATABASE_URL is set), its migrations, and the Next.js app.
 */
const mode = process.argv[2] === "start" ? "start" : "dev";
const children: ChildProcess[] = [];
let database: ResolvedDatabase | undefined;
let stopping = false;

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(
    children
      .filter((child) => child.exitCode === null)
      .map((child) => new Promise((resolve) => child.once("exit", resolve))),
  );
  await database?.stop().catch(() => {});
  process.exit(code);
}

async function main() {
  const e = (() => {
    try {
      return env();
    } catch (error) {
      if (error instanceof EnvError) fail(error.message);
      throw error;
    }
  })();

  if (!(await isPortFree(e.PORT, e.KEEL_HOST))) {
    fail(
      `Port ${e.PORT} on ${e.KEEL_HOST} is already in use. Stop whatever uses it, or start Keel on another port:\n` +
        `  PORT=${e.PORT + 1} npm run ${mode}`,
    );
  }
  if (mode === "start" && !fs.existsSync(path.resolve(".next", "BUILD_ID"))) {
    fail("There is no production build yet. Run `npm run build` first, then `npm start`.");
  }

  database = await resolveDatabase(e);
  console.log(`Keel database: ${database.description}`);
  await prepareDatabase(database.url, e, { seedIfEmpty: database.embedded });

  const next = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), mode, "--port", String(e.PORT), "--hostname", e.KEEL_HOST],
    {
      stdio: "inherit",
      env: childEnv({
        DATABASE_URL: database.url,
        AUTH_SECRET: e.AUTH_SECRET ?? localAuthSecret(e.KEEL_DATA_DIR),
        NODE_ENV: mode === "dev" ? "development" : "production",
        NEXT_TELEMETRY_DISABLED: "1",
      }),
    },
  );
  children.push(next);
  next.on("exit", (code) => void shutdown(code ?? 1));
  console.log(`Keel app: http://${e.KEEL_HOST === "0.0.0.0" ? "localhost" : e.KEEL_HOST}:${e.PORT} (${mode})`);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  await database?.stop().catch(() => {});
  if (error instanceof StartupError) fail(error.message);
  console.error(error);
  process.exit(1);
});
