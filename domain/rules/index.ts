import type { Finding } from "../documents/types";
import { checkArithmetic } from "./arithmetic";
import { checkBankDetails } from "./bank-details";
import { checkBudget } from "./budget";
import type { RuleContext } from "./context";
import { checkDuplicateInvoice } from "./duplicate-invoice";
import { checkKnownVendor } from "./known-vendor";
import { checkLowConfidence } from "./low-confidence";
import { checkPurchaseOrderMatch } from "./po-match";
import { checkPriceJump } from "./price-jump";
import { checkRequiredFields } from "./required-fields";
import { checkVendorCurrency } from "./vendor-currency";
import { checkVendorName } from "./vendor-name";

export type {
  BudgetLeft,
  PriorDocument,
  PriorLine,
  PurchaseOrderLine,
  PurchaseOrderRecord,
  RuleContext,
  VendorBankDetails,
  VendorMaster,
} from "./context";
export { fieldsBelowThreshold, type UnsureField } from "./low-confidence";
export { matchVendor } from "./known-vendor";
export { isRuleId, ruleIds, type RuleId } from "./rule-ids";

/** Every rule, in the order their findings are shown: what the data says first, then policy. */
export const rules: readonly ((context: RuleContext) => Finding[])[] = [
  checkRequiredFields,
  checkLowConfidence,
  checkArithmetic,
  checkKnownVendor,
  checkVendorName,
  checkVendorCurrency,
  checkBankDetails,
  checkDuplicateInvoice,
  checkPurchaseOrderMatch,
  checkPriceJump,
  checkBudget,
];

export function checkRules(context: RuleContext): Finding[] {
  return rules.flatMap((rule) => rule(context));
}
