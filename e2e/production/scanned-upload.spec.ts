import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getDocumentById, getDocumentText } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import { originalKey } from "@/services/documents/originals";
import { s3Store } from "@/services/storage/s3-store";
import { expect, test } from "../fixtures";
import { LoginPage } from "../pages/login-page";
import { startedBucket } from "./bucket";
import { firstAdmin } from "./first-admin";
import { uploadThroughBucket } from "./documents";

const pages = 10;

test("a 40 MB scanned PDF goes from the browser to the bucket, and its pages are read by OCR over several steps", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const number = `SC-${String(Date.now()).slice(-7)}`;
  const file = testInfo.outputPath(`${number}.pdf`);
  execFileSync(
    process.execPath,
    ["--import", "tsx", "e2e/production/write-scan.ts", file, String(pages), "40", number],
    {
      stdio: "inherit",
    },
  );
  const size = fs.statSync(file).size;
  // Far above what a Vercel function accepts as a request body (about 4.5 MB) and Keel's own 25 MB.
  expect(size).toBeGreaterThan(38 * 1024 * 1024);

  await new LoginPage(page).signInAs(firstAdmin());
  const { documentId, putOrigins } = await uploadThroughBucket(page, file);
  expect(putOrigins).toEqual([process.env.KEEL_E2E_BUCKET_ORIGIN]);

  // The invoice on page 1 is from a seller Keel does not know, so a person reviews it once every page is read.
  await expect(page.getByRole("region", { name: "Tasks" })).toBeVisible({ timeout: 240_000 });
  const timeline = page.getByRole("region", { name: "Timeline" });
  const ocrLines = timeline.getByText(new RegExp(`^Pages? \\d+(–\\d+)? of ${String(pages)} read by OCR in \\d+ s$`));
  const lines = await ocrLines.allInnerTexts();
  expect(lines.length, `one line per OCR step, in ${lines.join(" / ")}`).toBeGreaterThan(1);
  // The steps cover every page once, in order.
  const covered = lines
    .map((line) => /Pages? (\d+)(?:–(\d+))?/.exec(line))
    .map((match) => [Number(match?.[1]), Number(match?.[2] ?? match?.[1])] as const)
    .sort((a, b) => a[0] - b[0]);
  expect(covered[0]?.[0]).toBe(1);
  for (const [index, range] of covered.entries())
    if (index > 0) expect(range[0]).toBe((covered[index - 1]?.[1] ?? 0) + 1);
  expect(covered.at(-1)?.[1]).toBe(pages);
  // Each step ended within the budget the server was given (KEEL_STEP_BUDGET_SECONDS=10, global-setup.ts).
  for (const line of lines) expect(Number(/in (\d+) s$/.exec(line)?.[1]), line).toBeLessThanOrEqual(10);

  const text = await getDocumentText(documentId);
  expect(text?.source).toBe("ocr");
  expect(text?.pages).toHaveLength(pages);
  expect(text?.pages[0]?.text).toContain(number);
  expect(await listTasksForDocument(documentId)).not.toEqual([]);

  // The original sits in the bucket, byte for byte, and nowhere else.
  const document = await getDocumentById(documentId);
  if (!document) throw new Error("unreachable");
  expect(document.sizeBytes).toBe(size);
  const stored = await s3Store(startedBucket()).get(originalKey(document.sha256));
  expect(stored?.length).toBe(size);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});
