import type { ExtractedFields, Finding } from "../documents/types";
import type { RuleContext, VendorMaster } from "./context";
import { finding, normalizeIdentifier, normalizeText } from "./support";
import { editDistance } from "./name-distance";
import { domainOf, identitiesInText } from "./text-identities";

// Legal forms vary between a vendor's documents ("ACME Ltd", "Acme Limited") and say nothing about identity.
const legalForms = new Set([
  "ltd",
  "limited",
  "llc",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "ag",
  "sa",
  "sas",
  "sarl",
  "bv",
  "nv",
  "srl",
  "spa",
  "plc",
  "oy",
  "ab",
  "as",
  "kg",
  "lp",
  "llp",
  "pty",
]);

export function normalizeVendorName(name: string): string {
  return normalizeText(name)
    .split(" ")
    .filter((word) => word !== "" && !legalForms.has(word))
    .join(" ");
}

/**
 * The vendor a document comes from, strongest sign first: the extracted tax id, the extracted IBAN, the name or an
 * alias; then, when the document's `text` is given, a vendor's tax id or IBAN printed anywhere in it, or its email
 * domain (each only when exactly one vendor has it: a text may print the buyer's ids too); last a near spelling of
 * the name (OCR's "Miiller"). Null when nothing points at one vendor: an unknown seller, never a guess.
 */
export function matchVendor(
  fields: Pick<ExtractedFields, "vendorName" | "vendorTaxId"> & Partial<Pick<ExtractedFields, "bankDetails">>,
  vendors: readonly VendorMaster[],
  text?: string,
): VendorMaster | null {
  const taxId = fields.vendorTaxId.value;
  if (taxId !== null && normalizeIdentifier(taxId) !== "") {
    const byTaxId = vendors.find(
      (v) => v.taxId !== null && normalizeIdentifier(v.taxId) === normalizeIdentifier(taxId),
    );
    if (byTaxId) return byTaxId;
  }
  const iban = fields.bankDetails?.value?.iban;
  if (iban) {
    const byIban = vendors.find((v) => ibanOf(v) === normalizeIdentifier(iban));
    if (byIban) return byIban;
  }
  const name = fields.vendorName.value;
  const wanted = name === null ? "" : normalizeVendorName(name);
  if (wanted !== "") {
    const byName = vendors.find((v) =>
      [v.name, ...v.aliases].some((candidate) => normalizeVendorName(candidate) === wanted),
    );
    if (byName) return byName;
  }
  if (text !== undefined) {
    const inText = identitiesInText(text);
    const only = (pick: (v: VendorMaster) => boolean): VendorMaster | null => {
      const found = vendors.filter(pick);
      return found.length === 1 ? (found[0] ?? null) : null;
    };
    const byText =
      only((v) => v.taxId !== null && inText.taxIds.has(normalizeIdentifier(v.taxId))) ??
      only((v) => ibanOf(v) !== null && inText.ibans.has(ibanOf(v) ?? "")) ??
      only((v) => {
        const domain = v.email ? domainOf(v.email) : null;
        return domain !== null && inText.domains.has(domain);
      });
    if (byText) return byText;
  }
  return wanted === "" ? null : nearestByName(wanted, vendors);
}

function ibanOf(v: VendorMaster): string | null {
  const iban = v.bankDetails?.iban;
  return iban ? normalizeIdentifier(iban) : null;
}

/** A name within a few typing or OCR slips of one vendor's name or alias, and nearer to it than to any other. */
function nearestByName(wanted: string, vendors: readonly VendorMaster[]): VendorMaster | null {
  if (wanted.length < 6) return null;
  let best: { vendor: VendorMaster; similarity: number } | null = null;
  let runnerUp = 0;
  for (const vendor of vendors) {
    let similarity = 0;
    for (const candidate of [vendor.name, ...vendor.aliases]) {
      const c = normalizeVendorName(candidate);
      // Names of very different lengths cannot be near: skip them before paying for the distance.
      if (c.length < 6 || Math.abs(c.length - wanted.length) > Math.ceil(wanted.length * 0.15)) continue;
      similarity = Math.max(similarity, 1 - editDistance(wanted, c) / Math.max(wanted.length, c.length));
    }
    if (similarity < 0.85) continue;
    if (!best || similarity > best.similarity) {
      runnerUp = best?.similarity ?? 0;
      best = { vendor, similarity };
    } else runnerUp = Math.max(runnerUp, similarity);
  }
  return best && best.similarity > runnerUp ? best.vendor : null;
}

/** The vendor is on file, and the document's tax id is the vendor's. */
export function checkKnownVendor({ extraction, vendor }: Pick<RuleContext, "extraction" | "vendor">): Finding[] {
  const { vendorName, vendorTaxId } = extraction.fields;
  if (extraction.documentClass.value === "other") return [];
  const name = vendorName.value;
  const taxId = vendorTaxId.value;
  if (vendor === null) {
    // A payable is owed to someone: with no seller to read, the vendor is set up by a person or nothing is paid.
    if (name === null && taxId === null) {
      if (extraction.documentClass.value !== "invoice") return [];
      return [
        finding(
          "unknown-vendor",
          "warning",
          "The document names no seller Keel could read. If the seller's name was missed, enter it; otherwise an approver or admin sets the vendor up from this document, or rejects it.",
          ["vendorName", "vendorTaxId"],
          { vendorName: null, vendorTaxId: null },
        ),
      ];
    }
    const who = [name === null ? null : `"${name}"`, taxId === null ? null : `tax id ${taxId}`]
      .filter((s) => s !== null)
      .join(", ");
    return [
      finding(
        "unknown-vendor",
        "warning",
        `No vendor on file matches ${who}. If the name was misread, correct it; otherwise an approver or admin sets the vendor up from this document, or rejects it.`,
        ["vendorName", "vendorTaxId"],
        { vendorName: name, vendorTaxId: taxId },
      ),
    ];
  }
  if (taxId !== null && vendor.taxId !== null && normalizeIdentifier(taxId) !== normalizeIdentifier(vendor.taxId)) {
    return [
      finding(
        "vendor-tax-id-mismatch",
        "error",
        `The tax id on the document (${taxId}) is not ${vendor.name}'s tax id on file (${vendor.taxId}). Check who really sent it.`,
        ["vendorTaxId", "vendorName"],
        { vendorId: vendor.id, documentTaxId: taxId, masterTaxId: vendor.taxId },
      ),
    ];
  }
  return [];
}
