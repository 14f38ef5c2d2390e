import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, connect, setDatabase } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { env } from "@/lib/env";
import { resolveDatabase } from "@/scripts/launcher/database";
import { describeStartupFailure } from "@/scripts/launcher/failure";
import { readRuntime } from "@/scripts/launcher/runtime";
import { generatePassword } from "@/lib/password";
import { createApiKey } from "@/services/api-keys/api-keys";
import { importCustomersCsv, importOrdersCsv } from "@/services/tickets/import";
import { createUser } from "@/services/users/create-user";

/**
 * `npm run keel -- <command>`: operators' scripts against DATABASE_URL's database (or the embedded one, when Keel
 * is not running). Every change is audited as done by "cli".
 */
const usage = `Usage: npm run keel -- <command> [options]

Commands:
  create-user --email <email> --name <name> --role operator|approver|admin [--limit 7500.00] [--currency EUR] [--password <pw>]
      Creates a user; prints a generated password when none is given.
  create-api-key --name <name> [--read-all]
      Creates an API key and prints it once (only its hash is stored). It reads the documents sent through it;
      with --read-all, every document.
  replay --document <id>
      Starts a new run of a failed document, resuming at the step that failed.
  upload <file> [--as <email>]
      Takes a file as the browser's upload does and starts its run; --as names the user it is uploaded by.
  import-customers <file.csv>
      Adds or updates support customers from a CSV with the header email,name. All lines or none.
  import-orders <file.csv>
      Adds or updates orders from a CSV with the header reference,customer_email,currency,total,paid_at,status;
      each order's customer must be on file. All lines or none; every bad line is named.
`;

const actor = { id: null, label: "cli" };

async function run(command: string | undefined, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: command === "upload" || command === "import-customers" || command === "import-orders",
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      limit: { type: "string", default: "0" },
      currency: { type: "string", default: "EUR" },
      password: { type: "string" },
      document: { type: "string" },
      "read-all": { type: "boolean", default: false },
      as: { type: "string" },
    },
  });
  switch (command) {
    case "create-user": {
      const password = values.password ?? generatePassword();
      const result = await createUser(
        {
          email: values.email ?? "",
          name: values.name ?? "",
          role: values.role ?? "",
          approvalLimit: values.limit,
          approvalCurrency: values.currency,
          password,
        },
        actor,
      );
      if (!result.ok) {
        if (result.reason === "invalid")
          throw new Error(result.error.issues.map((i) => `--${String(i.path[0] ?? "?")}: ${i.message}`).join("\n"));
        throw new Error(`A user with the email ${result.email} already exists.`);
      }
      return `Created ${result.user.role} ${result.user.email}${values.password ? "" : ` with password ${password}`}`;
    }
    case "create-api-key": {
      if (!values.name?.trim()) throw new Error("--name: name the key after the system that will use it.");
      const { secret } = await createApiKey({ name: values.name.trim(), readAll: values["read-all"] }, actor);
      return `API key for ${values.name.trim()}${values["read-all"] ? ", reading every document," : ""} (shown once, keep it safe):\n${secret}`;
    }
    case "replay": {
      if (!values.document) throw new Error("--document: the id of a failed document (see the Exceptions page).");
      if (!z.uuid().safeParse(values.document).success) {
        throw new Error(
          `--document: ${values.document} is not a document id; copy one from the Exceptions page (like 0f8e…-…).`,
        );
      }
      // Imported here: the Inngest client takes the engine's address from the environment main() has just set.
      const { replayDocument } = await import("@/services/documents/replay");
      const result = await replayDocument(values.document, actor);
      if (!result.ok)
        throw new Error(`Document ${values.document} is not failed (or does not exist); nothing to replay.`);
      return `Replay ${String(result.replay)} of ${values.document} started.`;
    }
    case "upload": {
      const [file] = positionals;
      if (!file || positionals.length > 1)
        throw new Error("upload: name one file, e.g. npm run keel -- upload invoice.pdf --as ops@example.com");
      // Imported here: the Inngest client takes the engine's address from the environment main() has just set.
      const { uploadFile } = await import("@/services/documents/upload");
      const { document, duplicate } = await uploadFile(file, values.as);
      if (duplicate) return `${file} is already document ${document.id} (${document.status}); nothing new was started.`;
      return `Uploaded ${file} as document ${document.id}; its run has started.`;
    }
    case "import-customers":
    case "import-orders": {
      const [file] = positionals;
      if (!file || positionals.length > 1)
        throw new Error(`${command}: name one CSV file, e.g. npm run keel -- ${command} ${command.slice(7)}.csv`);
      const csv = await readCsvFile(file);
      const result =
        command === "import-customers" ? await importCustomersCsv(csv, actor) : await importOrdersCsv(csv, actor);
      if (!result.ok) throw new Error(`${result.errors.join("\n")}\nNothing was imported from ${file}.`);
      return `Imported ${file}: ${String(result.added)} added, ${String(result.updated)} updated.`;
    }
    default:
      throw new Error(usage);
  }
}

/** A CSV to import, read whole: the import is all or nothing, so it is parsed before anything is written. */
async function readCsvFile(file: string): Promise<string> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new Error(`${file}: no such file; give the path of a CSV file.`);
    },
  );
  // 50,000 lines (domain/tickets/import.ts) of a few hundred bytes each, with room to spare.
  if (size > 32 * 1024 * 1024) throw new Error(`${file} is over 32 MB; split it into smaller files.`);
  return readFile(file, "utf8");
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === "help" || command === "--help") {
    console.log(usage);
    return;
  }
  const e = env();
  // With Keel running on this machine, events go to its engine; otherwise its reconciler sends them at its next start.
  const running = e.DATABASE_URL || e.INNGEST_BASE_URL ? null : readRuntime(e.KEEL_DATA_DIR);
  if (running?.inngest) {
    process.env.INNGEST_BASE_URL = running.inngest.baseUrl;
    process.env.INNGEST_EVENT_KEY = running.inngest.eventKey;
  }
  const resolved = await resolveDatabase(e);
  const database = connect(resolved.url, { max: 2 });
  setDatabase(database);
  try {
    await applyMigrations(database);
    console.log(await run(command, args));
  } finally {
    await closeDatabase(database);
    await resolved.stop();
  }
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error, { lead: "" }));
  process.exit(1);
});
