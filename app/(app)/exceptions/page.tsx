import type { Metadata } from "next";
import Link from "next/link";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Table, TableBody, TableCell, TableColumns, TableRow, truncated } from "@/components/ui/table";
import { listFailedDocuments } from "@/db/queries/documents";
import type { Document } from "@/db/schema";
import { can } from "@/domain/permissions";
import { requirePermission } from "@/services/auth/session";
import { ReplayButton } from "./_components/replay-button";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Exceptions" };

const classes: Record<string, { title: string; help: string }> = {
  permanent: {
    title: "Permanent errors",
    help: "A retry cannot fix these as they are: a damaged file, a missing record. Fix the cause, then replay.",
  },
  exhausted_retries: {
    title: "Retries exhausted",
    help: "Transient failures that kept happening (a model or service down). Replay once the service is back.",
  },
};

export default async function ExceptionsPage() {
  const user = await requirePermission("exceptions:view");
  const failed = await listFailedDocuments();
  const groups = new Map<string, Document[]>();
  for (const document of failed) {
    const key = document.errorClass ?? "permanent";
    groups.set(key, [...(groups.get(key) ?? []), document]);
  }
  const mayReplay = can(user, "runs:replay");
  return (
    <>
      <PageHeader title="Exceptions" description="Documents whose processing failed for good, by error class." />
      {failed.length === 0 ? <ComingSoon>No failed documents. Nothing is waiting for a replay.</ComingSoon> : null}
      {[...groups.entries()].map(([errorClass, documents]) => (
        <section key={errorClass} aria-label={classes[errorClass]?.title ?? errorClass} className="mb-8">
          <h2 className="text-lg font-semibold">
            {classes[errorClass]?.title ?? errorClass}{" "}
            <span className="text-sm font-normal text-slate-500">({documents.length})</span>
          </h2>
          <p className="mb-3 text-sm text-slate-600">{classes[errorClass]?.help}</p>
          <Table aria-label={`${classes[errorClass]?.title ?? errorClass} documents`}>
            <TableColumns columns={["Document", "Reason", "Failed"]} actions />
            <TableBody>
              {documents.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>
                    <Link
                      href={`/documents/${d.id}`}
                      title={d.filename}
                      className={truncated("max-w-64", "font-medium underline-offset-4 hover:underline")}
                    >
                      {d.filename}
                    </Link>
                  </TableCell>
                  <TableCell className="max-w-xl text-red-800">{d.errorMessage}</TableCell>
                  <TableCell className="whitespace-nowrap text-slate-600">{formatUtc(d.updatedAt)}</TableCell>
                  <TableCell className="text-right">
                    {mayReplay ? <ReplayButton documentId={d.id} filename={d.filename} /> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ))}
    </>
  );
}
