import type { Finding } from "../documents/types";
import type { RuleContext } from "./context";
import { finding } from "./support";

/** A vendor who always bills in EUR and now bills in USD is either misread or worth a question. */
export function checkVendorCurrency({ extraction, vendor }: Pick<RuleContext, "extraction" | "vendor">): Finding[] {
  const currency = extraction.fields.currency.value;
  if (vendor?.currency == null || currency === null) return [];
  if (currency.trim().toUpperCase() === vendor.currency.toUpperCase()) return [];
  return [
    finding(
      "vendor-currency-mismatch",
      "warning",
      `The document is in ${currency}, but ${vendor.name} bills in ${vendor.currency}. Check the currency on the document.`,
      ["currency"],
      { vendorId: vendor.id, documentCurrency: currency, vendorCurrency: vendor.currency },
    ),
  ];
}
