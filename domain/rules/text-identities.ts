import { findIbans, findTaxIds, normalizeIban } from "../parse/identifiers";
import { allMatches } from "../parse/matches";
import { normalizeIdentifier } from "./support";

/** The identifiers a document's text carries anywhere, normalised, for set lookups against the vendor master. */
export type TextIdentities = { taxIds: Set<string>; ibans: Set<string>; domains: Set<string> };

// Addresses at a public mail provider say nothing about which business sent the document.
const publicMail = new Set([
  "gmail",
  "googlemail",
  "outlook",
  "hotmail",
  "live",
  "yahoo",
  "icloud",
  "gmx",
  "web",
  "aol",
  "orange",
  "free",
  "wanadoo",
  "libero",
  "tonline",
  "proton",
  "protonmail",
  "mail",
]);

const domainPattern = /(?:@|\bwww\.|https?:\/\/)([\p{L}\d-]{1,63}(?:\.[\p{L}\d-]{1,63}){1,5})/gu;

/** "accounts@mail.acme.co.uk" and "https://www.acme.co.uk" are both "acme": the part before the public suffix. */
export function registrableName(host: string): string | null {
  const parts = host
    .toLowerCase()
    .replace(/^www\./u, "")
    .split(".")
    .filter((p) => p !== "");
  if (parts.length < 2) return null;
  const suffixLength = parts.length >= 3 && (parts.at(-2)?.length ?? 0) <= 3 ? 2 : 1;
  const name = parts[parts.length - suffixLength - 1]?.replace(/[^\p{L}\d]+/gu, "");
  return name && !publicMail.has(name) ? name : null;
}

/** The domain part of an email address or web address on file. */
export function domainOf(address: string): string | null {
  const host = address.includes("@")
    ? address.slice(address.lastIndexOf("@") + 1)
    : (address.replace(/^https?:\/\//u, "").split("/")[0] ?? "");
  return registrableName(host);
}

/** One pass per kind over the text: linear in its length. */
export function identitiesInText(text: string): TextIdentities {
  const domains = new Set<string>();
  for (const m of allMatches(domainPattern, text)) {
    const name = registrableName(m[1] ?? "");
    if (name) domains.add(name);
  }
  return {
    taxIds: new Set(findTaxIds(text).map((t) => normalizeIdentifier(t.value))),
    ibans: new Set(findIbans(text).map((i) => normalizeIban(i.value))),
    domains,
  };
}
