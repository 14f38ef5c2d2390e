import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type ModelCallView = {
  id: number;
  model: string;
  promptVersion: string | null;
  outcome: string;
  errorClass: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costMicros: number;
  latencyMs: number;
};

/** Dollars from millionths of a dollar, to the hundredth of a cent. */
export const dollars = (micros: number) => `$${(micros / 1_000_000).toFixed(4)}`;

/** Each call the chain made for this document: its outcome, tokens, cost and latency. */
export function ModelCalls({ calls }: { calls: ModelCallView[] }) {
  return (
    <Table aria-label="Model calls" className="mt-4">
      <TableHead>
        <tr>
          <TableHeader>Model</TableHeader>
          <TableHeader>Prompt</TableHeader>
          <TableHeader>Outcome</TableHeader>
          <TableHeader className="text-right">Tokens in / out / cached</TableHeader>
          <TableHeader className="text-right">Cost</TableHeader>
          <TableHeader className="text-right">Latency</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {calls.map((c) => (
          <TableRow key={c.id}>
            <TableCell>{c.model}</TableCell>
            <TableCell>{c.promptVersion ?? "—"}</TableCell>
            <TableCell>
              {c.outcome}
              {c.errorClass ? ` (${c.errorClass})` : ""}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {c.inputTokens} / {c.outputTokens} / {c.cachedTokens}
            </TableCell>
            <TableCell className="text-right tabular-nums">{dollars(c.costMicros)}</TableCell>
            <TableCell className="text-right tabular-nums">{c.latencyMs} ms</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
