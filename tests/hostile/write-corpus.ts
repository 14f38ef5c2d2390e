import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { hostileCorpus } from "./corpus";

/** `tsx tests/hostile/write-corpus.ts <folder> [--scale N]`: writes the hostile-input corpus, one file per shape. */
const { values, positionals } = parseArgs({
  options: { scale: { type: "string", default: "1" } },
  allowPositionals: true,
});
const folder = positionals[0] ?? ".tmp/hostile-corpus";
const scale = Number(values.scale);
if (!Number.isFinite(scale) || scale <= 0) throw new Error(`--scale takes a positive number, not ${values.scale}.`);
fs.mkdirSync(folder, { recursive: true });
for (const doc of await hostileCorpus({ scale })) {
  fs.writeFileSync(path.join(folder, doc.filename), doc.bytes);
  console.log(
    `${doc.filename.padEnd(20)} ${String(doc.bytes.length).padStart(10)} bytes  ${doc.expect.padEnd(8)} ${doc.name}`,
  );
}
