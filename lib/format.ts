import type { BankDetails } from "@/domain/documents/types";

/** A moment as people read it in Keel: "2026-11-25 04:44 UTC". */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** How long something has waited, roughly: "45 min", "3 h", "2 d". */
export function formatAge(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${String(minutes)} min`;
  if (minutes < 48 * 60) return `${String(Math.floor(minutes / 60))} h`;
  return `${String(Math.floor(minutes / 1440))} d`;
}

/** Bank details on one line: "IBAN … · BIC … · Account …", or "—" when none were read. */
export function formatBankDetails(bank: BankDetails): string {
  const parts = [
    bank.iban && `IBAN ${bank.iban}`,
    bank.bic && `BIC ${bank.bic}`,
    bank.accountNumber && `Account ${bank.accountNumber}`,
    bank.sortCode && `Sort/routing ${bank.sortCode}`,
    bank.accountName && `Name ${bank.accountName}`,
  ].filter(Boolean);
  return parts.join(" · ") || "—";
}
