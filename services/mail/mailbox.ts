import { listOutboxEmails } from "@/db/queries/ledger";
import type { OutboxEmail } from "@/db/schema";
import { redactLinks } from "./links";

/**
 * The outbox as Settings → Mailbox shows it: every email's text, with each action link replaced by a note of where
 * it went. A link acts for its recipient, so nobody else may read one, admins included.
 */
export async function listMailbox(limit = 100): Promise<OutboxEmail[]> {
  const emails = await listOutboxEmails(limit);
  return emails.map((email) => ({ ...email, body: redactLinks(email.body, email.to) }));
}
