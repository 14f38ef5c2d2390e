import { sanitizeFilename } from "@/intake/filename";
import { checkUpload, defaultIntakeLimits, type IntakeLimits } from "@/intake/limits";
import type { Upload } from "@/intake/read-upload";
import type { SniffedKind } from "@/intake/sniff";

/** A file Keel takes: its type as the bytes show it, and a name safe to store, show and offer for download. */
export type AcceptedUpload = Upload & { kind: SniffedKind; mediaType: string };

/**
 * The checks every file passes before it is stored, wherever it came from (the browser, the API, the CLI, an
 * email's attachment): its size, its type sniffed from the bytes, an XLSX's zip expansion, and its name made safe,
 * named after its type when nothing of the name is left. Throws IntakeError with a sentence for the person.
 */
export function acceptUpload(upload: Upload, limits: IntakeLimits = defaultIntakeLimits): AcceptedUpload {
  const sniffed = checkUpload(upload.bytes, limits);
  return {
    filename: sanitizeFilename(upload.filename, { fallback: `document.${sniffed.extension}` }),
    bytes: upload.bytes,
    kind: sniffed.kind,
    mediaType: sniffed.mimeType,
  };
}
