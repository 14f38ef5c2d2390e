import { processDocument } from "./process-document";
import { reconcileDocuments } from "./reconcile-documents";

/** Every function Keel serves at /api/inngest. */
export const functions = [processDocument, reconcileDocuments];
