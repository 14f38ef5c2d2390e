import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LineItem } from "@/domain/documents/types";

/** The document's lines as read, amounts in the document's currency. */
export function LineItems({ lines, money }: { lines: LineItem[]; money: (minor: number) => string }) {
  return (
    <Table aria-label="Line items" className="mt-4">
      <TableHead>
        <tr>
          <TableHeader>Description</TableHeader>
          <TableHeader className="text-right">Qty</TableHeader>
          <TableHeader className="text-right">Unit price</TableHeader>
          <TableHeader className="text-right">Amount</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {lines.map((line, i) => (
          <TableRow key={i}>
            <TableCell>{line.description.value ?? "—"}</TableCell>
            <TableCell className="text-right tabular-nums">{line.quantity.value ?? "—"}</TableCell>
            <TableCell className="text-right tabular-nums">
              {line.unitPriceMinor.value !== null ? money(line.unitPriceMinor.value) : "—"}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {line.amountMinor.value !== null ? money(line.amountMinor.value) : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
