import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { DocumentStatusBadge, inProgressStatuses } from "@/components/documents/document-status";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { NextPageLink } from "@/components/ui/filter-pills";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TruncatedText,
  truncated,
} from "@/components/ui/table";
import { listDocuments } from "@/db/queries/documents";
import { listVendors } from "@/db/queries/vendors";
import { formatMoney } from "@/domain/money";
import { requirePermission } from "@/services/auth/session";
import { documentClassLabels } from "./_components/document-labels";
import { DocumentFilters } from "./_components/document-filters";
import { documentsQuery, parseDocumentsParams } from "./documents-params";
import { UploadDropzone } from "./_components/upload-dropzone";
import { env } from "@/lib/env";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("documents:view");
  const { params, filter, after } = parseDocumentsParams(await searchParams);
  const [page, vendors] = await Promise.all([listDocuments({ ...filter, after }), listVendors()]);
  const filtered = Object.keys(documentsQuery(params)).length > 0;
  const moving = page.documents.some((d) => inProgressStatuses.includes(d.status));
  return (
    <>
      <PageHeader
        title="Documents"
        description="Purchase orders, invoices and vendor emails, and where each one stands."
      />
      {env().KEEL_STORAGE === "s3" ? (
        <UploadDropzone throughBucket maxMegabytes={env().KEEL_BUCKET_UPLOAD_MAX_MB} />
      ) : (
        <UploadDropzone />
      )}
      <AutoRefresh active={moving} />
      <DocumentFilters params={params} vendors={vendors} />
      {page.documents.length === 0 ? (
        <ComingSoon>
          {filtered
            ? "No document matches these filters."
            : "No documents yet. Upload one above, or send it to the API."}
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
                  <Link
                    href={`/documents/${d.id}`}
                    title={d.filename}
                    className={truncated("max-w-56", "font-medium underline-offset-4 hover:underline")}
                  >
                    {d.filename}
                  </Link>
                  {d.documentNumber ? (
                    <TruncatedText text={d.documentNumber} width="max-w-56" className="text-xs text-slate-500" />
                  ) : null}
                </TableCell>
                <TableCell>
                  <DocumentStatusBadge status={d.status} />
                </TableCell>
                <TableCell>{d.documentClass ? documentClassLabels[d.documentClass] : "—"}</TableCell>
                <TableCell>{d.vendorName ? <TruncatedText text={d.vendorName} width="max-w-40" /> : "—"}</TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
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
      <NextPageLink path="/documents" params={documentsQuery(params)} after={page.next} label="Older documents" />
    </>
  );
}
