import type { Metadata } from "next";
import Link from "next/link";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { listAuditEntries } from "@/db/queries/audit";
import { requirePermission } from "@/services/auth/session";
import { FilterProblems } from "@/app/(app)/inbox/_components/inbox-filters";
import { auditQuery, parseAuditParams } from "./audit-params";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit" };

const PAGE_SIZE = 50;

/** Every audit entry, newest first, filtered and paged by the URL, with the filtered entries as a CSV export. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("audit:view");
  const { params, filter, after, problems } = parseAuditParams(await searchParams);
  const page = await listAuditEntries(filter, { after, limit: PAGE_SIZE });
  return (
    <>
      <PageHeader title="Audit" description="Who did what to which task, document, user or setting, newest first." />
      <AuditFilters params={params} exportHref={`/api/audit${auditQuery(params)}`} />
      <FilterProblems problems={problems} />
      {page.entries.length === 0 ? (
        <ComingSoon>No audit entry matches these filters.</ComingSoon>
      ) : (
        <>
          <AuditTable entries={page.entries} />
          <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
            {after ? (
              <Link href={`/audit${auditQuery(params)}`} className="underline underline-offset-4">
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {page.next !== null ? (
              <Link
                href={`/audit${auditQuery(params, { after: String(page.next) })}`}
                className="font-medium underline underline-offset-4"
              >
                Next page →
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
