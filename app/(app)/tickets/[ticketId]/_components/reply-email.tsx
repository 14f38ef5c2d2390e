import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { OutboxEmail } from "@/db/schema";
import { formatUtc } from "@/lib/format";
import { Facts, Panel } from "./panel";

const statuses: Record<OutboxEmail["status"], { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "info" },
  sending: { label: "Sending", tone: "info" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

/** The reply to the customer as the outbox holds it: queued once, and whether the mail server has taken it. */
export function ReplyEmail({ email }: { email: OutboxEmail | undefined }) {
  if (!email)
    return (
      <Panel title="Reply">
        <p className="text-sm text-slate-600">No reply has been queued.</p>
      </Panel>
    );
  const status = statuses[email.status];
  return (
    <Panel title="Reply" extra={<Badge tone={status.tone}>{status.label}</Badge>}>
      <Facts
        facts={[
          ["To", email.to],
          ["Queued", formatUtc(email.createdAt)],
          ["Sent", email.sentAt ? formatUtc(email.sentAt) : "Not yet"],
          ...(email.status === "failed" && email.lastError ? [["Error", email.lastError] as [string, string]] : []),
        ]}
      />
    </Panel>
  );
}
