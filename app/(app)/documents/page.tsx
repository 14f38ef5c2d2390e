import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { DocumentStatusBadge, inProgressStatuses } from "@/components/documents/document-status";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { NextPageLink } from "@/components/ui/filter-pills";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listDocuments } from "@/db/queries/documents";
import { documentStatuses, type DocumentStatus } from "@/domain/document-status";
import { formatMoney } from "@/domain/money";
import { requirePermission } from "@/services/auth/session";
import { documentClassLabels } from "./_components/document-labels";
import { UploadDropzone } from "./_components/upload-dropzone";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; after?: string }>;
}) {
  await requirePermission("documents:view");
  const params = await searchParams;
  const status = documentStatuses.includes(params.status as DocumentStatus)
    ? (params.status as DocumentStatus)
    : undefined;
  const page = await listDocuments({ status, after: params.after });
  const moving = page.documents.some((d) => inProgressStatuses.includes(d.status));
  return (
    <>
      <PageHeader
        title="Documents"
        description="Purchase orders, invoices and vendor emails, and where each one stands."
      />
      <UploadDropzone />
      <AutoRefresh active={moving} />
      {page.documents.length === 0 ? (
        <ComingSoon>
          No documents{status ? ` with this status` : ""} yet. Upload one above, or send it to the API.
        </ComingSoon>
      ) : (
        <Table aria-label="Documents">
          <TableHead>
            <tr>
              <TableHeader>Document</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Type</TableHeader>
              <TableHeader>Vendor</TableHeader>
              <TableHeader className="text-right">Total</TableHeader>
              <TableHeader>Received</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {page.documents.map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  <Link href={`/documents/${d.id}`} className="font-medium underline-offset-4 hover:underline">
                    {d.filename}
                  </Link>
                  {d.documentNumber ? <p className="text-xs text-slate-500">{d.documentNumber}</p> : null}
                </TableCell>
                <TableCell>
                  <DocumentStatusBadge status={d.status} />
                </TableCell>
                <TableCell>{d.documentClass ? documentClassLabels[d.documentClass] : "—"}</TableCell>
                <TableCell>{d.vendorName ?? "—"}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {d.totalMinor !== null && d.currency
                    ? formatMoney({ minor: d.totalMinor, currency: d.currency })
                    : "—"}
                </TableCell>
                <TableCell className="text-slate-600">{formatUtc(d.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <NextPageLink path="/documents" params={status ? { status } : {}} after={page.next} label="Older documents" />
    </>
  );
}
