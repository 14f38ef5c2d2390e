import type { Finding } from "../documents/types";
import type { RuleContext } from "./context";
import { normalizeVendorName } from "./known-vendor";
import { editDistance } from "./name-distance";
import { finding } from "./support";

/** Names this similar are one name misread (OCR's "SERVlCES"), as the vendor matching allows. */
const nearSpelling = 0.85;

/**
 * The vendor on file and the seller the document prints must be one business. A tax id or IBAN is matched before
 * any name, so a buyer's tax id read as the seller's, or one misread digit, can tie a document to another vendor on
 * file; the printed name is the second witness that keeps such a document from posting untouched.
 */
export function checkVendorName({ extraction, vendor }: Pick<RuleContext, "extraction" | "vendor">): Finding[] {
  const printed = extraction.fields.vendorName.value;
  if (vendor === null || printed === null || extraction.documentClass.value === "other") return [];
  if ([vendor.name, ...vendor.aliases].some((name) => sameBusiness(printed, name))) return [];
  return [
    finding(
      "vendor-name-mismatch",
      "warning",
      `The seller reads "${printed}", but the document was matched to ${vendor.name} on file by its tax id or bank details. Check who sent it: if it is ${vendor.name} under another name, add that name to the vendor's aliases; otherwise correct the seller's tax id and bank details.`,
      ["vendorName", "vendorTaxId", "bankDetails"],
      { vendorId: vendor.id, vendorOnFile: vendor.name, printedName: printed },
    ),
  ];
}

/** Equal without legal forms, one name's words all in the other ("ACME" of "ACME Trading"), or a near spelling. */
function sameBusiness(a: string, b: string): boolean {
  const [x, y] = [normalizeVendorName(a), normalizeVendorName(b)];
  if (x === "" || y === "") return false;
  if (x === y) return true;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  const words = new Set(longer.split(" "));
  if (shorter.split(" ").every((word) => words.has(word))) return true;
  return 1 - editDistance(x, y) / Math.max(x.length, y.length) >= nearSpelling;
}
