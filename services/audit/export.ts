import { listAuditEntries, type AuditFilter } from "@/db/queries/audit";
import { auditCsvHeader, auditCsvLine, csvLine } from "./csv";

const PAGE = 500;

/**
 * Every audit entry the filter matches, newest first, as CSV. It is read page by page along the same keyset as the
 * Audit page and streamed as it is read, so an export of the whole log never sits in memory at once.
 */
export function exportAuditCsv(filter: AuditFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(auditCsvHeader)));
        return;
      }
      const page = await listAuditEntries(filter, { after, limit: PAGE });
      if (page.entries.length > 0) controller.enqueue(encoder.encode(page.entries.map(auditCsvLine).join("")));
      if (page.next === null) controller.close();
      else after = page.next;
    },
  });
}
