import Link from "next/link";

/** The way from one item's page back to the list it was opened from, above the item's header. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="text-slate-600 underline-offset-4 hover:underline">
        {`← ${label}`}
      </Link>
    </p>
  );
}
