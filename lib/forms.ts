import type { ActionResult } from "@/lib/errors";

/** What a dialog form's server action returns: its result, and on failure the values to show again. */
export type DialogFormState = (ActionResult & { submitted?: Record<string, string> }) | { ok: null };

/** The values a form posted, minus secrets, to show again after a failure. */
export function formValues(formData: FormData, secret: string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !secret.includes(key)) values[key] = value;
  return values;
}
