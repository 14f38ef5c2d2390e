import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { pagesBudgetMs } from "@/domain/documents/ocr-plan";
import { parseEnv } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "..", "..");
const vercel = z
  .object({ functions: z.record(z.string(), z.object({ maxDuration: z.number() })) })
  .parse(JSON.parse(fs.readFileSync(path.join(root, "vercel.json"), "utf8")));

describe("the step budget on Vercel", () => {
  it("ends a page-reading step by default well before the Inngest endpoint's maxDuration", () => {
    const maxDuration = vercel.functions["app/api/inngest/route.ts"]?.maxDuration ?? 0;
    const budget = parseEnv({}).KEEL_STEP_BUDGET_SECONDS;
    // A cold start and the SDK replaying memoised steps come before a step starts counting its budget.
    expect(budget + 60).toBeLessThanOrEqual(maxDuration);
    expect(pagesBudgetMs(budget * 1000)).toBeLessThan(budget * 1000);
  });
});
