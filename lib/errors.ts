import type { z } from "zod";

/** Every failure a person can act on, by code; the status is what an HTTP caller sees. */
const codes = {
  bad_request: { status: 400, message: "The request is malformed." },
  unauthenticated: { status: 401, message: "Sign in to continue." },
  forbidden: { status: 403, message: "You do not have permission to do this." },
  not_found: { status: 404, message: "Not found." },
  conflict: { status: 409, message: "This conflicts with the current state." },
  invalid: { status: 422, message: "Some fields need attention." },
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
