import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import { EmbeddedPostgresError } from "./errors";

/** The system user PostgreSQL runs as when Keel runs as root (PostgreSQL refuses to run as root). */
export type ServerUser = { name: string; uid: number; gid: number };

const NAME = "postgres";

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function lookup(name: string): ServerUser | null {
  try {
    const uid = Number(
      execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
    );
    const gid = Number(
      execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : null;
  } catch {
    return null;
  }
}

function groupExists(name: string): boolean {
  return spawnSync("getent", ["group", name], { stdio: "ignore" }).status === 0;
}

/**
 * As root: the `postgres` system user, created (no login, no home) when the machine has none. As anyone else: null,
 * PostgreSQL runs as the current user.
 */
export function serverUser(): ServerUser | null {
  if (!isRoot()) return null;
  const existing = lookup(NAME);
  if (existing) return existing;
  const args = ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin"];
  args.push(...(groupExists(NAME) ? ["--gid", NAME] : ["--user-group"]), NAME);
  const created = spawnSync("useradd", args, { encoding: "utf8" });
  const user = created.status === 0 ? lookup(NAME) : null;
  if (!user) {
    throw new EmbeddedPostgresError(
      `Keel runs as root, and PostgreSQL refuses to run as root, so it needs a system user "${NAME}" to run as; creating it failed` +
        `${created.stderr ? ` (${created.stderr.trim()})` : ""}. Create it (useradd --system ${NAME}), run Keel as an ordinary user, or set DATABASE_URL.`,
    );
  }
  return user;
}

/** True when `user` may search (and so reach everything below) `dir`; always true when PostgreSQL runs as us. */
export function canReach(user: ServerUser | null, dir: string): boolean {
  if (!user) return true;
  // libuv drops root's supplementary groups when it switches uid, exactly as for the server itself.
  return spawnSync("test", ["-x", dir], { uid: user.uid, gid: user.gid, stdio: "ignore" }).status === 0;
}

/** Where Keel keeps what the server user must reach when the checkout is closed to it (root's 700 home, mktemp -d). */
export function systemDir(): string {
  return os.platform() === "linux" ? "/var/lib/keel" : "/usr/local/var/keel";
}
