import fs from "node:fs";
import path from "node:path";

/** The id Next gave a server action in this build, to call it directly the way any client can. */
export function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, v]) => v.filename === filename && v.exportedName === exportedName,
  );
  if (!entry)
    throw new Error(`No server action ${exportedName} in ${filename} in this build; run npm run build first.`);
  return entry[0];
}
