import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EditedBy } from "@/components/documents/edit-mark";
import type { LineItem } from "@/domain/documents/types";
import { cellMark, type EditMarks } from "@/domain/tasks/edit-marks";

/** A cell's value, and under it who typed it when a person did. */
function Cell({ text, marks, index, column }: { text: string; marks: EditMarks; index: number; column: string }) {
  const mark = cellMark(marks, index, column);
  return (
    <>
      {text}
      {mark ? (
        <span className="mt-0.5 block">
          <EditedBy mark={mark} />
        </span>
      ) : null}
    </>
  );
}

/** The document's lines as read or as a person decided them, amounts in the document's currency. */
export function LineItems({
  lines,
  money,
  marks = {},
}: {
  lines: LineItem[];
  money: (minor: number) => string;
  marks?: EditMarks;
}) {
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
            <TableCell>
              <Cell text={line.description.value ?? "—"} marks={marks} index={i} column="description" />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Cell text={String(line.quantity.value ?? "—")} marks={marks} index={i} column="quantity" />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Cell
                text={line.unitPriceMinor.value !== null ? money(line.unitPriceMinor.value) : "—"}
                marks={marks}
                index={i}
                column="unitPriceMinor"
              />
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Cell
                text={line.amountMinor.value !== null ? money(line.amountMinor.value) : "—"}
                marks={marks}
                index={i}
                column="amountMinor"
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
