import { insertEvalRun } from "@/db/queries/eval-runs";
import { expect, test } from "../fixtures";

// Days no other spec seeds, since every spec shares one database and eval runs belong to no document.
const runs = [
  {
    at: new Date("1987-06-02T03:30:00Z"),
    fieldScores: { totalMinor: { correct: 4, total: 4 }, documentClass: { correct: 3, total: 4 } },
    sampleFieldScores: { totalMinor: { correct: 2, total: 2 } },
  },
  {
    at: new Date("1987-06-03T03:30:00Z"),
    fieldScores: { totalMinor: { correct: 3, total: 4 }, documentClass: { correct: 4, total: 4 } },
    sampleFieldScores: { totalMinor: { correct: 1, total: 2 } },
  },
];

test("the monitor shows each field's accuracy on eval cases at the period's runs, and says when there were none", async ({
  page,
  signInAs,
}) => {
  for (const run of runs)
    await insertEvalRun({ ...run, trigger: "drift", chain: "deterministic", cases: 4, documentsSampled: 2 });
  await signInAs("admin");

  await page.goto("/monitor?period=custom&from=1987-06-01&to=1987-06-07");
  const section = page.getByRole("region", { name: "Accuracy on eval cases" });
  await expect(section).toContainText("2 in this period");
  const table = section.getByRole("table", { name: "Accuracy on eval cases by field", exact: true });
  await expect(table.getByRole("row", { name: /^document type/ })).toContainText("75.0 % (3/4)");
  await expect(table.getByRole("row", { name: /^document type/ })).toContainText("100.0 % (4/4)");
  const total = table.getByRole("row", { name: /^total/ });
  await expect(total.getByRole("cell")).toHaveText(["100.0 % (4/4)", "75.0 % (3/4)", "50.0 % (1/2)"]);

  await page.goto("/monitor?period=custom&from=1987-05-01&to=1987-05-07");
  await expect(page.getByRole("region", { name: "Accuracy on eval cases" })).toContainText(
    "No eval runs yet in this period.",
  );
});
