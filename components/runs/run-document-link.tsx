import Link from "next/link";
import { truncated } from "@/components/ui/table";

type RunDocument = { id: string; filename: string | null } | null;

/** The document a run works on, by name, linking to its page; a dash for runs about no document. */
export function RunDocumentLink({ document }: { document: RunDocument }) {
  if (!document) return <span className="text-slate-400">—</span>;
  const name = document.filename ?? `Document ${document.id.slice(0, 8)}`;
  return (
    <Link
      href={`/documents/${document.id}`}
      title={name}
      className={truncated("max-w-56", "underline-offset-4 hover:underline")}
    >
      {name}
    </Link>
  );
}
