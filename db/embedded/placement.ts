import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { explainFileError, EmbeddedPostgresError } from "./errors";
import { canReach, systemDir, type ServerUser } from "./server-user";

/** Where a cluster's files are, and the path in the checkout that links to them when they had to live elsewhere. */
export type Placement = { dataDir: string; linkedFrom: string | null };

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A name for the cluster of one checkout's data folder: readable, and unique to its absolute path. */
function clusterName(requested: string): string {
  const parent = path.dirname(requested);
  const real = path.join(fs.realpathSync(parent), path.basename(requested));
  const label = path.basename(path.dirname(parent)).replace(/[^\w.-]+/g, "_") || "keel";
  return `${label}-${createHash("sha256").update(real).digest("hex").slice(0, 12)}`;
}

/**
 * Keeps the data where it was asked for, unless the server user cannot reach that folder (Keel as root in a 700
 * home or a `mktemp -d` clone). Then the data lives in the system folder, one cluster per checkout, and the asked-for
 * path becomes a link to it: the checkout still finds its own data after a restart or a move, and none of the
 * user's folders is opened to anyone.
 */
export function placeData(requested: string, user: ServerUser | null, ephemeral: boolean): Placement {
  const parent = path.dirname(requested);
  if (isLink(requested)) {
    const target = path.resolve(parent, fs.readlinkSync(requested));
    return { dataDir: target, linkedFrom: requested };
  }
  if (canReach(user, parent)) return { dataDir: requested, linkedFrom: null };
  if (fs.existsSync(path.join(requested, "PG_VERSION"))) {
    throw new EmbeddedPostgresError(
      `The database in ${requested} cannot be reached by the system user "${user?.name ?? "postgres"}" that PostgreSQL runs as, ` +
        "because a folder above it is closed to other users. Run Keel as the user who created it, or move the checkout to a folder others may enter.",
    );
  }
  const base = path.join(systemDir(), ephemeral ? "tmp" : "clusters");
  const name = ephemeral ? `${path.basename(requested)}-${randomBytes(6).toString("hex")}` : clusterName(requested);
  const target = path.join(base, name);
  try {
    fs.mkdirSync(base, { recursive: true, mode: 0o755 });
    if (ephemeral) return { dataDir: target, linkedFrom: null };
    if (fs.existsSync(requested)) fs.rmdirSync(requested);
    fs.symlinkSync(target, requested);
  } catch (error) {
    throw explainFileError(error, base);
  }
  if (!canReach(user, base)) {
    throw new EmbeddedPostgresError(
      `The system user "${user?.name ?? "postgres"}" cannot reach ${base} (a folder above it is closed to other users). ` +
        `Open ${systemDir()} and its parents to other users for reading (chmod o+rx), run Keel as an ordinary user, or set DATABASE_URL.`,
    );
  }
  return { dataDir: target, linkedFrom: requested };
}

/** Removes a cluster's files, following the checkout's link to them (tests and benchmarks clean up with it). */
export function destroyEmbeddedData(requested: string): void {
  const file = path.resolve(requested);
  if (isLink(file))
    fs.rmSync(path.resolve(path.dirname(file), fs.readlinkSync(file)), { recursive: true, force: true });
  fs.rmSync(file, { recursive: true, force: true });
}
