import { conversionSchema, describeConversion, type RateBook } from "@/domain/fx";
import { amountInLimitCurrency, isSpending, type PolicyUser } from "@/domain/tasks/policy";
import type { InboxItem } from "@/db/queries/tasks";

/**
 * The exchange rate behind a spending decision: the one recorded on the decision once it is made, or, while the
 * task is open, the one this user's limit would be judged at today.
 */
export function RateUsed({ task, user, rates }: { task: InboxItem; user: PolicyUser; rates: RateBook }) {
  if (!isSpending(task.type)) return null;
  const recorded = conversionSchema.safeParse(task.parameters?.conversion);
  if (recorded.success) {
    return (
      <section aria-label="Exchange rate" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <h2 className="mb-1 font-semibold">Exchange rate used</h2>
        <p>
          {describeConversion(recorded.data)}, the rate in force on {recorded.data.on}.
        </p>
      </section>
    );
  }
  if (task.status !== "open") return null;
  const judged = amountInLimitCurrency(user, task, rates);
  if (!judged?.ok || !judged.conversion) return null;
  return (
    <section aria-label="Exchange rate" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <h2 className="mb-1 font-semibold">Exchange rate</h2>
      <p>
        Your limit is in {user.approvalCurrency}: {describeConversion(judged.conversion)}. Approving records this rate
        with your decision.
      </p>
    </section>
  );
}
