import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "@/lib/cn";

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={cn("min-w-full divide-y divide-slate-200 text-sm", className)} {...props} />
    </div>
  );
}

export function TableHead(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className="bg-slate-50" {...props} />;
}

export function TableBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-slate-100" {...props} />;
}

export function TableRow({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("hover:bg-slate-50/60", className)} {...props} />;
}

export function TableHeader({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn("px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-3 align-middle text-slate-800", className)} {...props} />;
}

export type TableColumn = string | { label: string; className?: string };

/**
 * A table's header row from its column labels. A table whose last column holds each row's buttons (`actions`)
 * still names that column, for screen readers only, so every cell has a header.
 */
export function TableColumns({ columns, actions = false }: { columns: readonly TableColumn[]; actions?: boolean }) {
  return (
    <TableHead>
      <tr>
        {columns.map((column) => {
          const { label, className } = typeof column === "string" ? { label: column, className: undefined } : column;
          return (
            <TableHeader key={label} className={className}>
              {label}
            </TableHeader>
          );
        })}
        {actions ? (
          <TableHeader>
            <span className="sr-only">Actions</span>
          </TableHeader>
        ) : null}
      </tr>
    </TableHead>
  );
}

/**
 * Classes that keep a cell's long text (a file name, a vendor) to one line within `max-w-*`, so it cannot push the
 * other columns off-screen; put the whole value in `title` for hover, and on a link it unfolds when focused.
 */
export function truncated(className?: string): string {
  return cn("block max-w-64 truncate focus-visible:whitespace-normal focus-visible:break-all", className);
}

/** Plain text cut to one line, the whole value in its title. */
export function TruncatedText({ text, className }: { text: string; className?: string }) {
  return (
    <span title={text} className={truncated(className)}>
      {text}
    </span>
  );
}
