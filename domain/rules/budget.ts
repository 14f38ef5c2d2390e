import type { Finding } from "../documents/types";
import type { RuleContext } from "./context";
import { finding, formatAmount } from "./support";

/** Spend beyond what is left on the budget needs someone who can approve it. */
export function checkBudget({ extraction, budget }: Pick<RuleContext, "extraction" | "budget">): Finding[] {
  const documentClass = extraction.documentClass.value;
  if (budget === null || (documentClass !== "invoice" && documentClass !== "purchase_order")) return [];
  const total = extraction.fields.totalMinor.value;
  const currency = extraction.fields.currency.value;
  if (total === null || currency === null) return [];
  if (currency.toUpperCase() !== budget.currency.toUpperCase()) {
    return [
      finding(
        "budget-currency-mismatch",
        "warning",
        `The document is in ${currency}, but budget "${budget.name}" is kept in ${budget.currency}, so Keel cannot tell whether ${formatAmount(total, currency)} fits the ${formatAmount(budget.remainingMinor, budget.currency)} left.`,
        ["currency", "totalMinor"],
        { budget: budget.name, documentCurrency: currency, budgetCurrency: budget.currency },
      ),
    ];
  }
  if (total <= budget.remainingMinor) return [];
  const over = total - budget.remainingMinor;
  return [
    finding(
      "over-budget",
      "warning",
      `${formatAmount(total, currency)} is ${formatAmount(over, currency)} more than the ${formatAmount(budget.remainingMinor, currency)} left on budget "${budget.name}".`,
      ["totalMinor"],
      { budget: budget.name, totalMinor: total, remainingMinor: budget.remainingMinor, overMinor: over, currency },
    ),
  ];
}
