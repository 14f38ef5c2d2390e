import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "@/lib/cn";

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    // relative: a screen-reader-only label inside (the Actions heading) is absolutely placed; without a positioned
    // ancestor it would escape the scroll box and widen the whole page on a phone.
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
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

/** `compact` rows hold one line each, for lists people scan all day (the inbox). */
export function TableCell({
  className,
  compact = false,
  ...props
}: TdHTMLAttributes<HTMLTableCellElement> & { compact?: boolean }) {
  return <td className={cn("px-4 align-middle text-slate-800", compact ? "py-1.5" : "py-3", className)} {...props} />;
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

/** How wide a cut cell may grow: one of a few widths, so a table's columns still add up to less than a screen. */
export type TruncatedWidth = "max-w-40" | "max-w-56" | "max-w-64";

/**
 * Classes that keep a cell's long text (a file name, a vendor) to one line within `width`, so it cannot push the
 * other columns off-screen; put the whole value in `title` for hover, and on a link it unfolds when focused.
 */
export function truncated(width: TruncatedWidth, className?: string): string {
  return cn("block truncate focus-visible:whitespace-normal focus-visible:break-all", width, className);
}

/** Plain text cut to one line, the whole value in its title. */
export function TruncatedText({ text, width, className }: { text: string; width: TruncatedWidth; className?: string }) {
  return (
    <span title={text} className={truncated(width, className)}>
      {text}
    </span>
  );
}
