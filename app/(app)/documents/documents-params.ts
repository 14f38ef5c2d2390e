import { z } from "zod";
import type { DocumentFilter } from "@/db/queries/documents";
import { documentStatuses } from "@/domain/document-status";

const day = z.iso.date();

// A filter that cannot be read is left open, never an error page: links get typed, shortened and pasted.
const rawSchema = z.object({
  status: z.enum(documentStatuses).optional().catch(undefined),
  vendor: z.uuid().optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
});

export type DocumentsParams = z.infer<typeof rawSchema>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** The Documents list's URL: what it shows, as the query a database reads, and the page to start after. */
export function parseDocumentsParams(search: Record<string, string | string[] | undefined>): {
  params: DocumentsParams;
  filter: DocumentFilter;
  after: string | undefined;
} {
  const params = rawSchema.parse(Object.fromEntries(Object.keys(rawSchema.shape).map((k) => [k, single(search[k])])));
  const to = params.to ? new Date(`${params.to}T00:00:00Z`) : undefined;
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  return {
    params,
    filter: {
      status: params.status,
      vendorId: params.vendor,
      receivedFrom: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
      receivedBefore: to,
      text: params.q || undefined,
    },
    after: params.after,
  };
}

/** The list's link with the same filters, without the page cursor unless one is given. */
export function documentsQuery(params: DocumentsParams): Record<string, string> {
  const { after: _after, ...filters } = params;
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
