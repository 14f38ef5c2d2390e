import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { payloadSchemas } from "@/domain/payloads/index";
import { withNewKinds } from "@/domain/payloads/required-keys";

/**
 * `npx tsx scripts/payload-keys.ts`: records the required keys of payload kinds new to domain/payloads/index.ts in
 * tests/fixtures/payloads/required-keys.json. Kinds already there are left as they shipped.
 */
const file = "tests/fixtures/payloads/required-keys.json";
const committed = z.record(z.string(), z.array(z.string())).parse(JSON.parse(readFileSync(file, "utf8")));
const { list, added } = withNewKinds(committed, payloadSchemas);
writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
console.log(
  added.length
    ? `Recorded the required keys of ${added.join(", ")}; run npx prettier --write ${file} before committing.`
    : "Every payload kind is listed.",
);
