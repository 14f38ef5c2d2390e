import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listComparedDocuments, type ComparedDocument } from "@/db/queries/duplicate-comparison";
import type { Finding } from "@/domain/documents/types";
import { formatMoney, isCurrencyCode } from "@/domain/money";
import { normalizeIdentifier, normalizeText } from "@/domain/rules/support";
import { formatUtc } from "@/lib/format";

type Row = { label: string; value: (d: ComparedDocument) => string | null; same: (a: string, b: string) => boolean };

const identifier = (a: string, b: string) => normalizeIdentifier(a) === normalizeIdentifier(b);
const text = (a: string, b: string) => normalizeText(a) === normalizeText(b);

const rows: Row[] = [
  { label: "Seller", value: (d) => d.fields?.vendorName.value ?? null, same: text },
  { label: "Vendor on file", value: (d) => d.vendorName, same: text },
  { label: "Seller tax id", value: (d) => d.fields?.vendorTaxId.value ?? null, same: identifier },
  { label: "IBAN", value: (d) => d.fields?.bankDetails.value?.iban ?? null, same: identifier },
  { label: "Invoice number", value: (d) => d.fields?.documentNumber.value ?? null, same: identifier },
  { label: "Issue date", value: (d) => d.fields?.issueDate.value ?? null, same: (a, b) => a === b },
  { label: "Due date", value: (d) => d.fields?.dueDate.value ?? null, same: (a, b) => a === b },
  { label: "Total", value: total, same: (a, b) => a === b },
];

function total(d: ComparedDocument): string | null {
  const minor = d.fields?.totalMinor.value ?? null;
  const currency = d.fields?.currency.value ?? null;
  if (minor === null) return null;
  return currency !== null && isCurrencyCode(currency)
    ? formatMoney({ minor, currency })
    : `${String(minor)} (currency unknown)`;
}

const statusText: Record<ComparedDocument["status"], string> = {
  received: "received, not read yet",
  extracting: "being read",
  needs_review: "waiting for a decision",
  approved: "approved, about to post",
  rejected: "rejected",
  posted: "posted",
  failed: "failed",
};

/**
 * A CONFIRM_DUPLICATE task's document beside each earlier document the rules found it may repeat: what was read
 * from both, which values match, where the other one stands, and both originals to open.
 */
export async function DuplicateComparison({
  documentId,
  findings,
}: {
  documentId: string;
  findings: readonly Finding[];
}) {
  const earlierIds = [
    ...new Set(
      findings
        .map((f) => f.details?.priorDocumentId)
        .filter((id): id is string => typeof id === "string" && id !== documentId),
    ),
  ];
  if (earlierIds.length === 0) return null;
  const [current, ...earlier] = await listComparedDocuments([documentId, ...earlierIds]);
  if (!current) return null;
  return (
    <>
      {earlier.map((other) => (
        <section key={other.id} aria-label={`Compared with ${other.filename}`} className="mb-6 space-y-2">
          <h2 className="text-base font-semibold">
            Side by side with{" "}
            <Link href={`/documents/${other.id}`} className="underline underline-offset-4">
              {other.filename}
            </Link>
          </h2>
          <p className="text-sm text-slate-700">
            Received {formatUtc(other.receivedAt)},{" "}
            <Badge tone={other.status === "posted" ? "danger" : "neutral"}>{statusText[other.status]}</Badge>
            {/* The finding that links the two is in the briefing above: a page says each finding once. */}
            {other.payableId ? <> as payable {other.payableId}</> : null}.
          </p>
          <Table>
            <TableHead>
              <TableRow>
                <TableHeader>Field</TableHeader>
                <TableHeader>This document ({current.filename})</TableHeader>
                <TableHeader>{other.filename}</TableHeader>
                <TableHeader>Match</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => {
                const mine = row.value(current);
                const theirs = row.value(other);
                const same = mine !== null && theirs !== null && row.same(mine, theirs);
                return (
                  <TableRow key={row.label}>
                    <TableCell>{row.label}</TableCell>
                    <TableCell>{mine ?? "—"}</TableCell>
                    <TableCell>{theirs ?? "—"}</TableCell>
                    <TableCell>
                      {mine === null || theirs === null ? "—" : same ? <Badge tone="warning">same</Badge> : "differs"}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <p className="text-sm text-slate-700">
            Reject it if it is the same invoice; approve only if it is another one. Either way the ledger never takes a
            second payable for the same seller and invoice number.
          </p>
          <p className="text-sm">
            Originals:{" "}
            <a
              href={`/api/documents/${current.id}/original`}
              target="_blank"
              rel="noreferrer"
              className="underline underline-offset-4"
            >
              this document
            </a>{" "}
            ·{" "}
            <a
              href={`/api/documents/${other.id}/original`}
              target="_blank"
              rel="noreferrer"
              className="underline underline-offset-4"
            >
              {other.filename}
            </a>
          </p>
        </section>
      ))}
    </>
  );
}
