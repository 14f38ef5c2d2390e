import type { z } from "zod";

/** Every failure a person can act on, by code; the status is what an HTTP caller sees. */
const codes = {
  bad_request: { status: 400, message: "The request is malformed." },
  unauthenticated: { status: 401, message: "Sign in to continue." },
  forbidden: { status: 403, message: "You do not have permission to do this." },
  not_found: { status: 404, message: "Not found." },
  conflict: { status: 409, message: "This conflicts with the current state." },
  invalid: { status: 422, message: "Some fields need attention." },
  // A file Keel does not take; IntakeError (intake/errors.ts) gives each reason its own status.
  rejected: { status: 422, message: "Keel does not take this file." },
  internal: { status: 500, message: "Something went wrong on our side." },
} as const;

export type ErrorKind = keyof typeof codes;
/** `kind` or `kind:subject`, e.g. "forbidden:users". */
export type ErrorCode = ErrorKind | `${ErrorKind}:${string}`;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    const kind = code.split(":")[0] as ErrorKind;
    super(message ?? codes[kind].message);
    this.name = "AppError";
    this.code = code;
  }
  get kind(): ErrorKind {
    return this.code.split(":")[0] as ErrorKind;
  }
  get status(): number {
    return codes[this.kind].status;
  }
}

/** The body every HTTP caller gets for a failure: `{ error: { code, message } }`. */
export function errorBody(error: AppError): { error: { code: ErrorCode; message: string } } {
  return { error: { code: error.code, message: error.message } };
}

export type FieldErrors = Record<string, string[]>;

export type ActionFailure = { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };
export type ActionResult<T = undefined> = (T extends undefined ? { ok: true } : { ok: true; data: T }) | ActionFailure;

export function failure(error: AppError): ActionFailure {
  return { ok: false, code: error.code, message: error.message };
}

export function invalid(error: z.ZodError): ActionFailure {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, code: "invalid", message: codes.invalid.message, fieldErrors };
}

/**
 * What a person is told about a failure nobody planned for: a sentence and the reference under which the detail
 * (message, stack) was logged, never the detail itself, which may name files, SQL or limits.
 */
export function internalErrorMessage(reference: string): string {
  return `Something went wrong on our side (reference ${reference}). Nothing was lost; try again, and if it keeps happening give an admin this reference.`;
}
