/** How a document reached Keel: the browser's upload, the REST API, or an attachment of an email it was sent. */
export const documentSources = ["upload", "api", "email_attachment"] as const;
export type DocumentSource = (typeof documentSources)[number];
