import { describe, expect, it } from "vitest";
import { classifyMaxChars, classifyTicket, readRefundAsk } from "./classify";

describe("classifyTicket", () => {
  it("reads a refund request in English with the confidence of a clear cue", () => {
    const result = classifyTicket({ subject: "Refund please", body: "I want my money back for the broken kettle." });
    expect(result).toMatchObject({ intent: "refund_request", language: "en", priority: "normal" });
    expect(result.confidence).toBeGreaterThanOrEqual(0.6);
    expect(result.confidence).toBeLessThanOrEqual(0.85);
  });

  it("reads an order-status question in German", () => {
    const result = classifyTicket({
      subject: "Wo ist meine Bestellung?",
      body: "Ich habe die Bestellung vor zwei Wochen aufgegeben und sie ist noch nicht angekommen. Bitte helfen Sie mir.",
    });
    expect(result).toMatchObject({ intent: "order_status", language: "de", priority: "low" });
  });

  it("names French as French, so the risk rules can say Keel has no templates for it", () => {
    const result = classifyTicket({
      subject: "Remboursement",
      body: "Je voudrais un remboursement pour ma commande, merci de votre aide avec le colis.",
    });
    expect(result.language).toBe("fr");
    expect(result.intent).toBe("refund_request");
  });

  it("makes legal words urgent and anger high", () => {
    expect(classifyTicket({ subject: "x", body: "My lawyer will hear about this." }).priority).toBe("urgent");
    expect(classifyTicket({ subject: "x", body: "This is unacceptable, where is my order?" }).priority).toBe("high");
  });

  it("stays unsure about a message with no cue", () => {
    const result = classifyTicket({ subject: "Hello", body: "Hello there." });
    expect(result.intent).toBe("other");
    expect(result.confidence).toBeLessThan(0.75);
  });

  it("classifies an empty message as other with low confidence", () => {
    expect(classifyTicket({ subject: "", body: "" })).toEqual({
      intent: "other",
      priority: "normal",
      language: "en",
      confidence: 0.32,
    });
  });

  it("reads only the bounded beginning of a huge body, in linear time", () => {
    const body = `${"refund ".repeat(10)}${"x".repeat(5_000_000)} where is my order tracking number`;
    const started = performance.now();
    const result = classifyTicket({ subject: "", body });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.intent).toBe("refund_request");
    expect(classifyMaxChars).toBeLessThan(body.length);
  });
});

describe("readRefundAsk", () => {
  const order = { totalMinor: 4990, refundedMinor: 0, currency: "EUR" };

  it("takes one amount with its currency as written", () => {
    expect(readRefundAsk("Please refund €12.50 of my order.", order)).toEqual({ minor: 1250, currency: "EUR" });
    expect(readRefundAsk("Bitte erstatten Sie 12,50 EUR.", order)).toEqual({ minor: 1250, currency: "EUR" });
  });

  it("keeps another currency than the order's, for the risk rule to flag", () => {
    expect(readRefundAsk("Refund 20 USD please", order)).toEqual({ minor: 2000, currency: "USD" });
  });

  it("proposes what is left on the order for a full refund", () => {
    expect(readRefundAsk("I want a full refund.", { ...order, refundedMinor: 990 })).toEqual({
      minor: 4000,
      currency: "EUR",
    });
  });

  it("proposes nothing when the amounts disagree or nothing is clear", () => {
    expect(readRefundAsk("Refund €10 or maybe €20?", order)).toBeNull();
    expect(readRefundAsk("I would like some money back.", order)).toBeNull();
    expect(readRefundAsk("I want a full refund.", null)).toBeNull();
  });

  it("ignores three capital letters that are no currency", () => {
    expect(readRefundAsk("ORD 12 was late, refund in full", order)).toEqual({ minor: 4990, currency: "EUR" });
  });
});
