import Link from "next/link";
import { encodeCursor, inboxHref, type InboxParams } from "../inbox-params";

/** Back to the first page once past it, and on to the next while there is one. */
export function InboxPager({
  params,
  later,
  next,
}: {
  params: InboxParams;
  later: boolean;
  next: { key: string; id: string } | null | undefined;
}) {
  return (
    <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
      {later ? (
        <Link href={inboxHref(params, {})} className="underline underline-offset-4">
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link
          href={inboxHref(params, { after: encodeCursor(next) })}
          className="font-medium underline underline-offset-4"
        >
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
