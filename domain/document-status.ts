// The one list of where a document can stand: the database enum, the API, the pages and their badges derive from it.
export const documentStatuses = [
  "received",
  "extracting",
  "needs_review",
  "approved",
  "rejected",
  "posted",
  "failed",
] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
