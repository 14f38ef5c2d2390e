import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * AUTH_SECRET for one-machine installs: generated once and kept beside the data, so sessions survive restarts.
 * Deployments set AUTH_SECRET themselves.
 */
export function localAuthSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
