import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const root = path.resolve(import.meta.dirname, "..", "..");

const nftSchema = z.object({ version: z.number(), files: z.array(z.string()) });

const compiledApp = path.join(root, ".next", "server", "app");

/** The compiled entry Next names `route` (as "/api/inngest" or "/settings/alerts"), route groups left out. */
function compiledEntry(route: string): string {
  if (!fs.existsSync(compiledApp))
    throw new Error(`${path.relative(root, compiledApp)} is missing: run \`npm run build\` before the "built" tests.`);
  const found = fs
    .readdirSync(compiledApp, { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|\/)(route|page)\.js$/.test(file))
    .find(
      (file) =>
        `/${path
          .dirname(file)
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/")}` === route,
    );
  if (!found) throw new Error(`No compiled route or page for ${route} in ${path.relative(root, compiledApp)}.`);
  return path.join(compiledApp, found);
}

/** The compiled entry's `.nft.json`: every file Next traced for it, as paths from the repository root. */
export function tracedFiles(route: string): string[] {
  const compiled = compiledEntry(route);
  const nft = `${compiled}.nft.json`;
  const { files } = nftSchema.parse(JSON.parse(fs.readFileSync(nft, "utf8")));
  return [compiled, ...files.map((file) => path.resolve(path.dirname(nft), file))].map((file) =>
    path.relative(root, file),
  );
}

/** Copies `files` (relative to the repository) into `dest` at the same relative paths, links as their targets. */
export function copyFiles(files: string[], dest: string): void {
  for (const file of files) {
    const source = path.join(root, file);
    if (!fs.statSync(source).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    fs.copyFileSync(fs.realpathSync(source), path.join(dest, file));
  }
}

/** The environment a function gets: nothing from this process but PATH, module paths only inside `dir`. */
export function isolatedEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_PATH: path.join(dir, "node_modules"),
    NODE_ENV: "production",
    ...extra,
  };
}
