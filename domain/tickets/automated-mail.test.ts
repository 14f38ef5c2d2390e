import { describe, expect, it } from "vitest";
import { automatedMail, type AutomatedMailSigns } from "./automated-mail";

const person: AutomatedMailSigns = {
  envelopeFrom: "ana@example.com",
  autoSubmitted: null,
  precedence: null,
  autoreplyHeader: false,
};

describe("automatedMail", () => {
  it("takes a person's mail, and Auto-Submitted: no, as a person's", () => {
    expect(automatedMail(person)).toEqual({ automated: false });
    expect(automatedMail({ ...person, autoSubmitted: "No" })).toEqual({ automated: false });
    expect(automatedMail({ ...person, envelopeFrom: undefined })).toEqual({ automated: false });
  });

  it("knows bounces, out-of-office replies and list mail", () => {
    expect(automatedMail({ ...person, envelopeFrom: "" })).toMatchObject({
      automated: true,
      reason: expect.stringContaining("bounce") as string,
    });
    expect(automatedMail({ ...person, envelopeFrom: null })).toMatchObject({ automated: true });
    expect(automatedMail({ ...person, autoSubmitted: "auto-replied; owner-email=x@y" })).toEqual({
      automated: true,
      reason: "Auto-Submitted: auto-replied",
    });
    expect(automatedMail({ ...person, precedence: "Bulk" })).toMatchObject({ automated: true });
    expect(automatedMail({ ...person, precedence: "first-class" })).toEqual({ automated: false });
    expect(automatedMail({ ...person, autoreplyHeader: true })).toMatchObject({ automated: true });
  });
});
