import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/**
 * A plot's numbers as a table, named by its caption: what a screen reader reads and what anyone checks a bar
 * against. Every cell is already text; the first column heads its row.
 */
export function NumbersTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHead>
        <tr>
          {/* Keyed by position: a baseline column repeats its heading after each measure. */}
          {columns.map((label, i) => (
            <TableHeader key={i} className={i > 0 ? "text-right" : undefined}>
              {label}
            </TableHeader>
          ))}
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row[0]}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="px-4 py-2 text-left font-medium whitespace-nowrap text-slate-800">
                  {cell}
                </th>
              ) : (
                <TableCell key={i} compact className="text-right whitespace-nowrap tabular-nums">
                  {cell}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
