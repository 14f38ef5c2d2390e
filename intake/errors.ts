import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * Why an upload was turned away. Every rejection is permanent for these bytes: retrying cannot fix it, so the
 * pipeline treats it as non-retriable and shows `message` to the person who uploaded the file.
 */
export const intakeErrorCodes = [
  "empty",
  "too_large",
  "too_many_pages",
  "decompression_bomb",
  "unsupported_type",
  "encrypted",
  "unreadable",
] as const;
export type IntakeErrorCode = (typeof intakeErrorCodes)[number];

const defaults: Record<IntakeErrorCode, { status: number; message: string }> = {
  empty: { status: 422, message: "The file is empty. Check that it saved correctly and upload it again." },
  too_large: { status: 413, message: "The file is too large. Split it or compress it and upload again." },
  too_many_pages: {
    status: 422,
    message: "The document has too many pages. Split it into smaller documents and upload again.",
  },
  decompression_bomb: {
    status: 422,
    message:
      "The file unpacks to far more data than it holds, which Keel does not open. Re-save it from the original program and upload again.",
  },
  unsupported_type: {
    status: 415,
    message:
      "Keel reads PDF, PNG, JPEG, XLSX, CSV, plain text and .eml files. Convert the file to one of these and upload again.",
  },
  encrypted: { status: 422, message: "This PDF is password-protected; remove the password and upload it again" },
  unreadable: {
    status: 422,
    message: "The file is damaged or not what it claims to be. Re-save it from the original program and upload again.",
  },
};

export type IntakeErrorDetails = Record<string, string | number | boolean>;

/**
 * An AppError like any other, so the one mapping in lib/http answers it: code `rejected:<reason>`, the reason's
 * status (413 too large, 415 unsupported type, 422 otherwise) and its sentence.
 */
export class IntakeError extends AppError {
  readonly reason: IntakeErrorCode;
  readonly details: IntakeErrorDetails;
  constructor(reason: IntakeErrorCode, message?: string, details: IntakeErrorDetails = {}) {
    super(`rejected:${reason}`, message ?? defaults[reason].message);
    this.name = "IntakeError";
    this.reason = reason;
    this.details = details;
  }
  override get status(): number {
    return defaults[this.reason].status;
  }
  /** Plain data for step outputs and logs. */
  toJSON(): { code: ErrorCode; reason: IntakeErrorCode; message: string; details: IntakeErrorDetails } {
    return { code: this.code, reason: this.reason, message: this.message, details: this.details };
  }
}

export function isIntakeError(error: unknown): error is IntakeError {
  return error instanceof IntakeError;
}

/** "31 MB", "800 KB", "512 bytes": sizes people read in messages. */
export function formatBytes(bytes: number, digits?: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(digits ?? 0)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb.toFixed(digits ?? (mb < 10 && !Number.isInteger(mb) ? 1 : 0))} MB`;
}

/** Both sizes for "the file is X; the limit is Y", with enough digits that X never reads as equal to Y. */
export function formatOverLimit(actual: number, limit: number): { actual: string; limit: string } {
  for (const digits of [undefined, 1, 2]) {
    const a = formatBytes(actual, digits);
    if (a !== formatBytes(limit, digits)) return { actual: a, limit: formatBytes(limit) };
  }
  return { actual: `${actual} bytes`, limit: `${limit} bytes` };
}
