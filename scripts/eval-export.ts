import path from "node:path";
import { parseArgs } from "node:util";
import { resolveDatabase } from "@/scripts/launcher/database";
import { describeStartupFailure } from "@/scripts/launcher/failure";
import { closeDatabase, connect, setDatabase } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { env } from "@/lib/env";
import { exportEvalCases } from "@/services/evals/export";

const usage = "Usage: npm run eval:export [-- --out <dir>]   (default evals/cases/)";

/**
 * `npm run eval:export`: writes the eval cases admins promoted, from DATABASE_URL's database or the running
 * Keel's embedded one, as `<dir>/<id>.json`, which `npm run eval` scores.
 */
async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" }, help: { type: "boolean" } }, strict: true });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.out === "") throw new Error(`--out needs a folder. ${usage}`);
  const dir = path.resolve(values.out ?? path.join("evals", "cases"));
  const resolved = await resolveDatabase(env());
  console.log(`Keel database: ${resolved.description}`);
  const database = connect(resolved.url, { max: 2 });
  setDatabase(database);
  try {
    // An embedded database nobody has started since an update may lack the tables; a deployed one is migrated by its deploy.
    if (resolved.embedded) await applyMigrations(database);
    const exported = await exportEvalCases(dir);
    for (const c of exported)
      console.log(`${c.changed ? "wrote    " : "unchanged"} ${path.relative(process.cwd(), c.file)}`);
    const changed = exported.filter((c) => c.changed).length;
    console.log(
      exported.length === 0
        ? `No eval cases yet: an admin promotes one from a decided task's page. Nothing written to ${dir}.`
        : `${String(exported.length)} eval case(s) in ${dir}: ${String(changed)} written, ${String(exported.length - changed)} unchanged.`,
    );
  } finally {
    await closeDatabase(database);
    await resolved.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof TypeError && "code" in error
      ? `${error.message}\n${usage}`
      : describeStartupFailure(error, { lead: "Could not export the eval cases: " }),
  );
  process.exit(1);
});
