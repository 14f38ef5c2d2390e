import { describe, expect, it } from "vitest";
import { isFinalTicketStatus, ticketEvents, ticketStatuses, ticketTransition, type TicketStatus } from "./lifecycle";

const now = new Date("2026-03-02T10:00:00Z");
const earlier = new Date("2026-03-01T10:00:00Z");
const at = (status: TicketStatus, terminalAt: Date | null = null) => ({ status, terminalAt });

describe("ticketTransition", () => {
  it("walks the run's path to a decision without closing the ticket", () => {
    expect(ticketTransition(at("received"), "classify", now)).toEqual({
      ok: true,
      set: { status: "classifying" },
      changed: true,
      stale: false,
    });
    expect(ticketTransition(at("classifying"), "draft", now)).toMatchObject({ set: { status: "drafting" } });
    expect(ticketTransition(at("drafting"), "request_decision", now)).toEqual({
      ok: true,
      set: { status: "awaiting_decision" },
      changed: true,
      stale: false,
    });
  });

  it("closes the ticket to decisions when the approval is taken, before anything is refunded or sent", () => {
    expect(ticketTransition(at("awaiting_decision"), "approve", now)).toEqual({
      ok: true,
      set: { status: "sending", terminalAt: now },
      changed: true,
      stale: false,
    });
    // Sending the reply afterwards keeps the moment the decision was taken.
    expect(ticketTransition(at("sending", earlier), "sent", now)).toEqual({
      ok: true,
      set: { status: "resolved" },
      changed: true,
      stale: false,
    });
  });

  it("closes the ticket when the run sends on its own", () => {
    expect(ticketTransition(at("drafting"), "auto_send", now)).toEqual({
      ok: true,
      set: { status: "sending", terminalAt: now },
      changed: true,
      stale: false,
    });
  });

  it.each(["reject", "escalate", "expire"] as const)("stamps terminalAt on %s", (event) => {
    const change = ticketTransition(at("awaiting_decision"), event, now);
    expect(change).toMatchObject({ ok: true, set: { terminalAt: now }, changed: true });
  });

  it("answers a second approval with what happened, and changes nothing", () => {
    expect(ticketTransition(at("sending", earlier), "approve", now)).toEqual({
      ok: false,
      reason: "already_decided",
      message: "This ticket was already decided (sending); nothing was changed.",
    });
    expect(ticketTransition(at("rejected", earlier), "approve", now)).toMatchObject({ reason: "already_decided" });
  });

  it("answers an approval after the deadline or an escalation with expired", () => {
    for (const status of ["expired", "escalated", "failed"] as const) {
      expect(ticketTransition(at(status, earlier), "approve", now)).toEqual({
        ok: false,
        reason: "expired",
        message: expect.stringContaining("no longer takes decisions") as string,
      });
    }
    expect(ticketTransition(at("expired", earlier), "approve", now)).toMatchObject({
      message: "This ticket no longer takes decisions (expired); nothing was refunded or sent.",
    });
  });

  it("refuses a decision once terminalAt is set, whatever the status says", () => {
    expect(ticketTransition(at("awaiting_decision", earlier), "approve", now)).toMatchObject({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a decision on a ticket not yet awaiting one", () => {
    expect(ticketTransition(at("drafting"), "approve", now)).toMatchObject({ ok: false, reason: "out_of_order" });
  });

  it("lets a step that runs again repeat the run's own progress without a change", () => {
    expect(ticketTransition(at("classifying"), "classify", now)).toEqual({
      ok: true,
      set: { status: "classifying" },
      changed: false,
      stale: false,
    });
    expect(ticketTransition(at("resolved", earlier), "sent", now)).toMatchObject({
      ok: true,
      changed: false,
      stale: false,
    });
    expect(ticketTransition(at("failed", earlier), "fail", now)).toMatchObject({ ok: true, changed: false });
  });

  it("marks a step retried after the ticket moved on as stale, so its outcome is not written", () => {
    expect(ticketTransition(at("sending", earlier), "request_decision", now)).toEqual({
      ok: true,
      set: { status: "sending" },
      changed: false,
      stale: true,
    });
    expect(ticketTransition(at("expired", earlier), "draft", now)).toMatchObject({ ok: true, stale: true });
  });

  it("refuses the run sending on its own once it asked a person", () => {
    expect(ticketTransition(at("awaiting_decision"), "auto_send", now)).toMatchObject({
      ok: false,
      reason: "out_of_order",
    });
  });

  it("refuses progress out of order", () => {
    expect(ticketTransition(at("received"), "draft", now)).toEqual({
      ok: false,
      reason: "out_of_order",
      message: 'A ticket that is received cannot take "draft".',
    });
  });

  it("fails any open ticket, keeping an earlier terminalAt, and never a final one", () => {
    expect(ticketTransition(at("drafting"), "fail", now)).toEqual({
      ok: true,
      set: { status: "failed", terminalAt: now },
      changed: true,
      stale: false,
    });
    expect(ticketTransition(at("sending", earlier), "fail", now)).toEqual({
      ok: true,
      set: { status: "failed" },
      changed: true,
      stale: false,
    });
    expect(ticketTransition(at("resolved", earlier), "fail", now)).toMatchObject({ ok: false, reason: "out_of_order" });
  });

  it("lets nothing leave a final status", () => {
    for (const status of ticketStatuses.filter(isFinalTicketStatus))
      for (const event of ticketEvents) {
        const change = ticketTransition(at(status, earlier), event, now);
        if (change.ok) expect(change).toMatchObject({ changed: false, set: { status } });
      }
  });
});
