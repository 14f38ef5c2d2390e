/** What Keel reads, decided by intake from the bytes alone; a stored document keeps its kind. */
export const documentKinds = ["pdf", "png", "jpeg", "xlsx", "eml", "csv", "text"] as const;

export type DocumentKind = (typeof documentKinds)[number];
