import Link from "next/link";
import { cn } from "@/lib/cn";

export type Pill = { key: string; label: string; href: string; active: boolean };

/** A row of links that filter a list, the current one marked for screen readers too. */
export function FilterPills({ label, pills }: { label: string; pills: Pill[] }) {
  return (
    <nav aria-label={label} className="mb-2 flex flex-wrap gap-1.5 text-xs">
      {pills.map((pill) => (
        <Link
          key={pill.key}
          href={pill.href}
          aria-current={pill.active ? "page" : undefined}
          className={cn(
            "rounded-full border px-2.5 py-0.5",
            pill.active
              ? "border-slate-900 bg-slate-900 text-white"
              : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
          )}
        >
          {pill.label}
        </Link>
      ))}
    </nav>
  );
}

/** The link to the next page of a keyset-paginated list, kept with its filter. */
export function NextPageLink({
  path,
  params,
  after,
  label,
}: {
  path: string;
  params: Record<string, string>;
  after: string | null;
  label: string;
}) {
  if (!after) return null;
  return (
    <div className="mt-4 flex justify-end">
      <Link
        href={`${path}?${new URLSearchParams({ ...params, after }).toString()}`}
        className="text-sm font-medium underline underline-offset-4"
      >
        {label} →
      </Link>
    </div>
  );
}
