import { deliverEmails } from "./deliver-emails";
import { driftCheck } from "./drift-check";
import { dropAbandonedUploads } from "./drop-abandoned-uploads";
import { evaluateAlerts } from "./evaluate-alerts";
import { expireQaReviews } from "./expire-qa-reviews";
import { modelLaneFallback, modelLanePrimary } from "./model-lanes";
import { processDocument } from "./process-document";
import { processTicket } from "./process-ticket";
import { reconcileDocuments } from "./reconcile-documents";
import { relayEvents } from "./relay-events";

/** Every function Keel serves at /api/inngest. */
export const functions = [
  processDocument,
  reconcileDocuments,
  deliverEmails,
  relayEvents,
  evaluateAlerts,
  driftCheck,
  expireQaReviews,
  modelLanePrimary,
  modelLaneFallback,
  processTicket,
  dropAbandonedUploads,
];
