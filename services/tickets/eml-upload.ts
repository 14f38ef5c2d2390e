import type { Actor } from "@/db/queries/audit";
import { IntakeError } from "@/intake/errors";
import { sniff } from "@/intake/sniff";

import { maxInboundMailBytes, receiveInboundMail } from "./inbound-mail";
import type { ReceiveTicketMessageResult } from "./receive";

/**
 * A saved email (.eml) a person uploads as a ticket: the same reading and threading as mail that arrives by SMTP,
 * under the same size limit, recorded as that person's doing. Anything but an email is refused, saying what to send.
 */
export async function receiveUploadedEml(
  upload: { filename: string; bytes: Uint8Array },
  actor: Actor,
): Promise<ReceiveTicketMessageResult> {
  if (upload.bytes.byteLength === 0) throw new IntakeError("empty");
  if (upload.bytes.byteLength > maxInboundMailBytes)
    throw new IntakeError(
      "too_large",
      `The email is larger than ${String(maxInboundMailBytes / 1024 / 1024)} MB, the most a ticket takes. Save it without its attachments and upload it again.`,
    );
  if (sniff(upload.bytes).kind !== "eml")
    throw new IntakeError(
      "unsupported_type",
      `${upload.filename || "The file"} is not an email. Save the customer's message from your mail program as .eml and upload that.`,
    );
  return receiveInboundMail(upload.bytes, {}, actor);
}
