/**
 * Whether an email was sent by a machine rather than a person: an out-of-office, a bounce, a mailing list's digest.
 * Keel answers tickets, some without a person, so taking these as tickets would let two autoresponders write to each
 * other forever (RFC 3834 asks responders not to answer them, and names the headers that mark them).
 */
export type AutomatedMailSigns = {
  /** The SMTP envelope's sender; empty is a bounce (RFC 5321: the null reverse-path). */
  envelopeFrom: string | null | undefined;
  autoSubmitted: string | null;
  precedence: string | null;
  /** Headers some responders set instead of Auto-Submitted (X-Autoreply, X-Autorespond). */
  autoreplyHeader: boolean;
};

export type AutomatedMail = { automated: false } | { automated: true; reason: string };

export function automatedMail(signs: AutomatedMailSigns): AutomatedMail {
  if (signs.envelopeFrom !== undefined && (signs.envelopeFrom ?? "").trim() === "")
    return { automated: true, reason: "a bounce (empty envelope sender)" };
  const autoSubmitted = signs.autoSubmitted?.trim().toLowerCase().split(";")[0]?.trim();
  if (autoSubmitted && autoSubmitted !== "no") return { automated: true, reason: `Auto-Submitted: ${autoSubmitted}` };
  const precedence = signs.precedence?.trim().toLowerCase();
  if (precedence && ["bulk", "junk", "list", "auto_reply"].includes(precedence))
    return { automated: true, reason: `Precedence: ${precedence}` };
  if (signs.autoreplyHeader) return { automated: true, reason: "an autoreply header" };
  return { automated: false };
}
