import type { FieldTallies } from "./records";

const pct = (correct: number, total: number): string => (total ? `${((100 * correct) / total).toFixed(1)} %` : "-");

/** Fields down, one column per scored run ("82.0 %  41/50"), in the order the fields were first checked. */
export function fieldTable(columns: readonly { name: string; tallies: FieldTallies }[]): string {
  const fields = [...new Set(columns.flatMap((c) => Object.keys(c.tallies)))];
  if (fields.length === 0) return "  (no field was checked)";
  const cell = (t: FieldTallies, field: string) => {
    const s = t[field];
    return (s ? `${pct(s.correct, s.total).padStart(7)}  ${String(s.correct)}/${String(s.total)}` : "      -").padEnd(
      22,
    );
  };
  const header = `${"field".padEnd(18)}${columns.map((c) => c.name.padEnd(22)).join("")}`;
  const rows = fields.map((f) => `${f.padEnd(18)}${columns.map((c) => cell(c.tallies, f)).join("")}`);
  return [header, ...rows].map((line) => line.trimEnd()).join("\n");
}

/** True when both hold the same counts for the same fields. */
export function sameTallies(a: FieldTallies, b: FieldTallies): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k]?.correct === b[k]?.correct && a[k]?.total === b[k]?.total);
}
