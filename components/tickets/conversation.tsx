import { Badge } from "@/components/ui/badge";
import type { TicketMessageDirection } from "@/domain/tickets/refund";
import { formatUtc } from "@/lib/format";
import { cn } from "@/lib/cn";

/** One message of a ticket as the conversation shows it; a `ticket_messages` row fits as it is. */
export type ConversationMessage = {
  id: string;
  direction: TicketMessageDirection;
  from: string;
  subject: string;
  bodyText: string;
  bodyTruncated: boolean;
  receivedAt: Date;
};

const directionLabels: Record<TicketMessageDirection, string> = { in: "From the customer", out: "Sent by Keel" };

/**
 * A ticket's messages, oldest first. Bodies are shown as plain text, never as HTML: the words are anyone's, and a
 * mail's markup was already turned into text at intake.
 */
export function TicketConversation({ messages }: { messages: readonly ConversationMessage[] }) {
  if (messages.length === 0) return <p className="text-sm text-slate-600">No messages yet.</p>;
  return (
    <ol aria-label="Messages" className="space-y-3">
      {messages.map((message) => (
        <li
          key={message.id}
          className={cn(
            "rounded-md border p-3",
            message.direction === "out" ? "border-blue-200 bg-blue-50/40 sm:ml-8" : "border-slate-200 bg-white sm:mr-8",
          )}
        >
          <article aria-label={`${directionLabels[message.direction]}: ${message.subject}`}>
            <header className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
              <Badge tone={message.direction === "out" ? "info" : "neutral"}>
                {directionLabels[message.direction]}
              </Badge>
              <span className="min-w-0 font-medium break-all text-slate-800">{message.from}</span>
              <time dateTime={message.receivedAt.toISOString()}>{formatUtc(message.receivedAt)}</time>
            </header>
            <p className="mb-1 text-sm font-medium break-words text-slate-900">{message.subject}</p>
            <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{message.bodyText}</p>
            {message.bodyTruncated ? (
              <p className="mt-2 text-xs text-amber-900">
                This message was longer than Keel keeps; only its beginning is shown.
              </p>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
