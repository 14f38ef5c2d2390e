"use server";

import { getCurrentUser } from "@/services/auth/session";
import { confirmActionLink, type LinkState } from "@/services/tasks/confirm-link";

/**
 * public: the emailed token is the credential. Only this POST, sent from the confirmation page, acts; opening the
 * link never does, so mail scanners and previews decide nothing. A session, when there is one, must be the
 * recipient's: a link never acts for anyone else.
 */
export async function confirmLinkAction(_previous: LinkState, formData: FormData): Promise<LinkState> {
  const token = formData.get("token");
  const reason = formData.get("reason");
  return confirmActionLink(
    { token: typeof token === "string" ? token : "", reason: typeof reason === "string" ? reason : undefined },
    await getCurrentUser(),
  );
}
