/** Only same-site paths: a callbackUrl from a link must never send someone to another site after sign-in. */
export function safeRedirectPath(value: unknown, fallback = "/inbox"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  return value;
}
