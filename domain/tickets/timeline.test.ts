import { describe, expect, it } from "vitest";
import { ticketAuditActions as intakeActions } from "../timeline";
import { ticketAuditActions, ticketTimelineLabel } from "./timeline";

const label = (action: string, after: Record<string, unknown> | null = {}, actorLabel = "ticket run") =>
  ticketTimelineLabel({ action, actorLabel, after });

describe("ticket timeline", () => {
  it("keeps the intake's actions as they were written", () => {
    expect(ticketAuditActions.received).toBe(intakeActions.received);
    expect(ticketAuditActions.messageReceived).toBe(intakeActions.messageReceived);
  });

  it("gives every action a sentence of its own", () => {
    const sentences = Object.values(ticketAuditActions).map((action) => label(action));
    expect(sentences.filter((s, i) => sentences.indexOf(s) !== i)).toEqual([]);
    expect(sentences.filter((s) => s.startsWith("ticket."))).toEqual([]);
  });

  it("says which lane drafted and what refund it proposed", () => {
    expect(label(ticketAuditActions.drafted, { lane: "fallback", amountMinor: 1250, currency: "EUR" })).toBe(
      "Reply drafted by the fallback model, refund €12.50",
    );
    expect(label(ticketAuditActions.drafted, { lane: "deterministic", amountMinor: null })).toBe(
      "Reply drafted by templates (no model), no refund",
    );
  });

  it("names who decided and why", () => {
    expect(label(ticketAuditActions.rejected, { reason: "Not our order" }, "ann@example.com")).toBe(
      "Rejected by ann@example.com: Not our order",
    );
    expect(
      label(ticketAuditActions.classified, {
        intent: "order_status",
        priority: "low",
        language: "de",
        confidence: 0.7,
      }),
    ).toBe("Classified as order status, low priority, language de (70 % confident)");
  });

  it("names an action this version does not know instead of hiding it", () => {
    expect(label("ticket.something_new", null)).toBe("ticket.something_new");
  });
});
