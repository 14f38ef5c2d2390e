import { describe, expect, it } from "vitest";
import { ticketIntents } from "./classification";
import { templateLanguages, templateReply } from "./templates";

describe("templateReply", () => {
  it.each(templateLanguages.flatMap((language) => ticketIntents.map((intent) => ({ language, intent }))))(
    "has a $language reply for $intent",
    ({ language, intent }) => {
      const { reply, language: used } = templateReply(intent, language, {
        customerName: "Ada",
        orderReference: "DEMO-1001",
        refund: null,
      });
      expect(used).toBe(language);
      expect(reply).toContain("Ada");
      expect(reply.length).toBeGreaterThan(60);
    },
  );

  it("states the proposed refund in the customer's language", () => {
    const refund = { minor: 1250, currency: "EUR" };
    const facts = { customerName: null, orderReference: "DEMO-1001", refund };
    expect(templateReply("refund_request", "en", facts).reply).toContain("€12.50");
    expect(templateReply("refund_request", "de", facts).reply).toMatch(/12,50\s€/);
  });

  it("answers a language without templates in English", () => {
    const { reply, language } = templateReply("other", "fr", {
      customerName: null,
      orderReference: null,
      refund: null,
    });
    expect(language).toBe("en");
    expect(reply).toMatch(/^Hello,/);
  });
});
