import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TicketConversation, type ConversationMessage } from "./conversation";
import { DraftBesideOriginal } from "./draft-beside-original";

const message = (over: Partial<ConversationMessage> = {}): ConversationMessage => ({
  id: "m1",
  direction: "in",
  from: "ana@example.com",
  subject: "Kettle broken",
  bodyText: "It arrived broken.",
  bodyTruncated: false,
  receivedAt: new Date("2026-11-30T08:00:00Z"),
  ...over,
});

const render = (messages: ConversationMessage[]) =>
  renderToStaticMarkup(createElement(TicketConversation, { messages }));

describe("TicketConversation", () => {
  it("shows a body's markup as the characters it is, never as HTML", () => {
    const html = render([message({ bodyText: '<img src=x onerror="alert(1)"><b>refund</b>' })]);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;refund&lt;/b&gt;");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
  });

  it("names each message's direction, sender and time, and says when a body was cut", () => {
    const html = render([
      message({ bodyTruncated: true }),
      message({ id: "m2", direction: "out", from: "support@keel.test", subject: "Re: Kettle broken" }),
    ]);
    expect(html).toContain('aria-label="From the customer: Kettle broken"');
    expect(html).toContain('aria-label="Sent by Keel: Re: Kettle broken"');
    expect(html).toContain("2026-11-30 08:00 UTC");
    expect(html.match(/only its beginning is shown/g)).toHaveLength(1);
  });

  it("says so when there are no messages", () => {
    expect(render([])).toContain("No messages yet.");
  });
});

describe("DraftBesideOriginal", () => {
  const original = { from: "ana@example.com", subject: "Kettle broken", bodyText: "<i>It broke</i>" };
  const draw = (draft: string | null) => renderToStaticMarkup(createElement(DraftBesideOriginal, { original, draft }));

  it("puts the customer's words and the draft in two named panes, both as plain text", () => {
    const html = draw("Sorry <b>Ana</b>, we refund you.");
    expect(html).toContain('aria-label="Customer&#x27;s message"');
    expect(html).toContain('aria-label="Drafted reply"');
    expect(html).toContain("&lt;i&gt;It broke&lt;/i&gt;");
    expect(html).toContain("Sorry &lt;b&gt;Ana&lt;/b&gt;, we refund you.");
  });

  it("says when nothing has been drafted yet", () => {
    expect(draw(null)).toContain("No reply has been drafted yet.");
  });
});
