import { describe, expect, it } from "vitest";
import { languageCodeSchema, ticketClassificationSchema } from "./classification";

describe("ticketClassificationSchema", () => {
  it("takes a classification with a language code in any case", () => {
    expect(
      ticketClassificationSchema.parse({ intent: "complaint", priority: "high", language: " DE ", confidence: 0.8 }),
    ).toEqual({ intent: "complaint", priority: "high", language: "de", confidence: 0.8 });
  });

  it("refuses an unknown intent, a confidence above 1 and a language name", () => {
    expect(
      ticketClassificationSchema.safeParse({ intent: "refund", priority: "high", language: "en", confidence: 0.8 })
        .success,
    ).toBe(false);
    expect(
      ticketClassificationSchema.safeParse({ intent: "other", priority: "low", language: "en", confidence: 1.2 })
        .success,
    ).toBe(false);
    expect(languageCodeSchema.safeParse("English").error?.issues[0]?.message).toBe(
      "Write the language as a two-letter ISO 639-1 code, such as en or de.",
    );
  });
});
