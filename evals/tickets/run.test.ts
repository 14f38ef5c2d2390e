import { describe, expect, it } from "vitest";
import { ticketEvalCases } from "./cases";
import { replayTicketEval, scoreTicketDraft } from "./run";

describe("the ticket draft eval", () => {
  it("reproduces its record when the recorded answers are served to the provider again", async () => {
    const replayed = await replayTicketEval();
    expect(replayed.problems).toEqual([]);
    expect(Object.keys(replayed.scores)).toEqual(["claude-sonnet-5-5", "claude-haiku-5-5"]);
    expect(replayed.scores["claude-sonnet-5-5"]?.intent?.total).toBe(ticketEvalCases.length);
  });

  it("scores intent, language and the refund exactly, and a failed draft as wrong on all three", () => {
    const expected = { intent: "refund_request", language: "en", refundMinor: 4990 } as const;
    const answer = { ...expected, priority: "normal", confidence: 0.9, reply: "Hi" } as const;
    expect(scoreTicketDraft(answer, expected)).toEqual({
      intent: { correct: 1, total: 1 },
      language: { correct: 1, total: 1 },
      refundMinor: { correct: 1, total: 1 },
    });
    expect(scoreTicketDraft({ ...answer, refundMinor: 4000 }, expected).refundMinor).toEqual({ correct: 0, total: 1 });
    expect(scoreTicketDraft(null, expected).intent).toEqual({ correct: 0, total: 1 });
  });
});
