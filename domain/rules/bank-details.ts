import type { Finding } from "../documents/types";
import type { RuleContext, VendorBankDetails } from "./context";
import { finding } from "./support";

type Comparison =
  { kind: "same" } | { kind: "differs"; document: string; master: string } | { kind: "unverifiable"; why: string };

/**
 * Payment details on a document that are not the known vendor's on file. Always an error: paying a changed account
 * is the classic invoice fraud, and a payment cannot be taken back. An unknown vendor's bank details are no change:
 * they are checked by phone when the vendor is set up from the document (the unknown-vendor finding).
 */
export function checkBankDetails({ extraction, vendor }: Pick<RuleContext, "extraction" | "vendor">): Finding[] {
  const bank = extraction.fields.bankDetails.value;
  if (bank === null || vendor === null) return [];
  const document = { iban: clean(bank.iban), accountNumber: clean(bank.accountNumber), sortCode: clean(bank.sortCode) };
  if (document.iban === null && document.accountNumber === null) return [];
  const comparison = compare(document, vendor.bankDetails);
  if (comparison.kind === "same") return [];
  const who = vendor.name;
  const advice = `Confirm with ${who} through contact details already on file, never ones from this document, before anything is paid or changed.`;
  const message =
    comparison.kind === "differs"
      ? `The document asks for payment to ${comparison.document}, but ${who}'s record on file has ${comparison.master}. ${advice}`
      : `The document carries bank details that cannot be checked: ${comparison.why}. ${advice}`;
  return [
    finding("bank-details-changed", "error", message, ["bankDetails"], {
      irreversible: true,
      reason: comparison.kind,
      vendorId: vendor.id,
      documentIbanLast4: document.iban === null ? null : lastFour(document.iban),
      documentAccountLast4: document.accountNumber === null ? null : lastFour(document.accountNumber),
    }),
  ];
}

function compare(
  document: { iban: string | null; accountNumber: string | null; sortCode: string | null },
  master: VendorBankDetails | null,
): Comparison {
  const iban = clean(master?.iban ?? null);
  const accountNumber = clean(master?.accountNumber ?? null);
  const sortCode = clean(master?.sortCode ?? null);
  if (iban === null && accountNumber === null) {
    return { kind: "unverifiable", why: "no bank details are on file for this vendor" };
  }
  if (document.iban !== null && iban !== null) {
    return document.iban === iban
      ? { kind: "same" }
      : {
          kind: "differs",
          document: `IBAN ending ${lastFour(document.iban)}`,
          master: `IBAN ending ${lastFour(iban)}`,
        };
  }
  if (document.accountNumber !== null && accountNumber !== null) {
    const sortDiffers = document.sortCode !== null && sortCode !== null && document.sortCode !== sortCode;
    if (document.accountNumber === accountNumber && !sortDiffers) return { kind: "same" };
    return {
      kind: "differs",
      document: describeAccount(document.sortCode, document.accountNumber),
      master: describeAccount(sortCode, accountNumber),
    };
  }
  return { kind: "unverifiable", why: "the document and the vendor record use different kinds of account identifiers" };
}

/** Spaces and dashes are layout ("GB29 NWBK 6016…", "60-16-13"), not part of the identifier. */
function clean(value: string | null): string | null {
  if (value === null) return null;
  const compact = value.replace(/[\s-]+/g, "").toUpperCase();
  return compact === "" ? null : compact;
}

/** Sort codes are public routing data; account numbers show only their end, as on a bank statement. */
function describeAccount(sortCode: string | null, accountNumber: string): string {
  return `${sortCode === null ? "" : `sort code ${sortCode}, `}account ending ${lastFour(accountNumber)}`;
}

function lastFour(value: string): string {
  return value.slice(-4);
}
