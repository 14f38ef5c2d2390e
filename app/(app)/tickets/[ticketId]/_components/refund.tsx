import { Badge } from "@/components/ui/badge";
import type { Order, Refund, RefundAttempt, Ticket } from "@/db/schema";
import { formatMoney } from "@/domain/money";
import { orderStatusLabels } from "@/domain/tickets/import";
import { refundStatusLabels } from "@/domain/tickets/refund";
import { formatUtc } from "@/lib/format";
import { Facts, Panel } from "./panel";

const attemptOutcomes = { applied: "issued", already_applied: "found already issued; nothing more paid" } as const;

/**
 * The money side: the refund proposed (or, once a person decided, as decided) beside the order it is weighed against — what was paid and what
 * other tickets already returned — and the refund issued, with every attempt the run made at it.
 */
export function RefundPanel({
  ticket,
  order,
  refundedElsewhereMinor,
  refund,
  decided = false,
}: {
  ticket: Pick<Ticket, "orderReference" | "refundProposedMinor" | "refundCurrency">;
  order: Order | null;
  refundedElsewhereMinor: number;
  refund: (Refund & { attempts: RefundAttempt[] }) | null;
  /** A person has decided: the ticket's refund is the one they decided, no longer the run's proposal. */
  decided?: boolean;
}) {
  const proposed =
    ticket.refundProposedMinor !== null && ticket.refundCurrency
      ? formatMoney({ minor: ticket.refundProposedMinor, currency: ticket.refundCurrency })
      : "None";
  return (
    <Panel title="Refund">
      <Facts
        facts={[
          [decided ? "Decided" : "Proposed", proposed],
          ...orderFacts(ticket.orderReference, order, refundedElsewhereMinor),
        ]}
      />
      {refund ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
            Refunded {formatMoney({ minor: refund.amountMinor, currency: refund.currency })}
            <Badge tone={refund.status === "issued" ? "success" : "danger"}>{refundStatusLabels[refund.status]}</Badge>
          </p>
          <ol aria-label="Refund attempts" className="mt-2 space-y-1 text-xs text-slate-600">
            {refund.attempts.map((a) => (
              <li key={a.id}>
                Attempt {a.attempt} · {formatUtc(a.at)} · {attemptOutcomes[a.outcome]}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </Panel>
  );
}

function orderFacts(reference: string | null, order: Order | null, refundedElsewhereMinor: number): [string, string][] {
  if (!order)
    return [["Order", reference ? `${reference} — not on file for this customer` : "The ticket names no order"]];
  const money = (minor: number) => formatMoney({ minor, currency: order.currency });
  return [
    ["Order", `${order.reference} · ${orderStatusLabels[order.status]}`],
    ["Order total", money(order.totalMinor)],
    ["Paid", order.paidAt ? formatUtc(order.paidAt) : "Not paid"],
    ["Refunded on other tickets", money(refundedElsewhereMinor)],
    ["Currency", order.currency],
  ];
}
