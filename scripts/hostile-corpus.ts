import fs from "node:fs";
import path from "node:path";
import { hostileCorpus } from "@/tests/hostile/corpus";

/** `tsx scripts/hostile-corpus.ts <folder> [--scale N]`: writes the hostile-input corpus, one file per shape. */
const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith("--")) ?? ".tmp/hostile-corpus";
const scaleAt = args.indexOf("--scale");
const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
fs.mkdirSync(folder, { recursive: true });
for (const doc of await hostileCorpus({ scale })) {
  fs.writeFileSync(path.join(folder, doc.filename), doc.bytes);
  console.log(`${doc.filename.padEnd(20)} ${String(doc.bytes.length).padStart(10)} bytes  ${doc.expect.padEnd(8)} ${doc.name}`);
}
