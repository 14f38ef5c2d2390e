import type { ExtractedFields, Finding } from "../documents/types";
import type { RuleContext, VendorMaster } from "./context";
import { finding, normalizeIdentifier, normalizeText } from "./support";

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
 * The vendor a document comes from: by tax id when the document carries one (names are easy to imitate), else by
 * name or alias. For the pipeline to fill `RuleContext.vendor`.
 */
export function matchVendor(
  fields: Pick<ExtractedFields, "vendorName" | "vendorTaxId">,
  vendors: readonly VendorMaster[],
): VendorMaster | null {
  const taxId = fields.vendorTaxId.value;
  if (taxId !== null && normalizeIdentifier(taxId) !== "") {
    const byTaxId = vendors.find(
      (v) => v.taxId !== null && normalizeIdentifier(v.taxId) === normalizeIdentifier(taxId),
    );
    if (byTaxId) return byTaxId;
  }
  const name = fields.vendorName.value;
  if (name === null) return null;
  const wanted = normalizeVendorName(name);
  if (wanted === "") return null;
  return (
    vendors.find((v) => [v.name, ...v.aliases].some((candidate) => normalizeVendorName(candidate) === wanted)) ?? null
  );
}

/** The vendor is on file, and the document's tax id is the vendor's. */
export function checkKnownVendor({ extraction, vendor }: Pick<RuleContext, "extraction" | "vendor">): Finding[] {
  const { vendorName, vendorTaxId } = extraction.fields;
  if (extraction.documentClass.value === "other") return [];
  const name = vendorName.value;
  const taxId = vendorTaxId.value;
  if (vendor === null) {
    // Nothing to look up: the required-fields rule already asks for the vendor.
    if (name === null && taxId === null) return [];
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
