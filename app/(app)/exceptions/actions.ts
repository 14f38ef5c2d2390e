"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { invalid, type ActionResult } from "@/lib/errors";
import { replayDocument as startReplay } from "@/services/documents/replay";

const replaySchema = z.object({ documentId: z.uuid() });

/** Starts a new run of a failed document; steps whose results are stored are reused, so it resumes where it failed. */
export async function replayDocument(input: { documentId: string }): Promise<ActionResult> {
  return handleAction(async () => {
    const admin = await authorize("runs:replay");
    const parsed = replaySchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const result = await startReplay(parsed.data.documentId, { id: admin.id, label: admin.email });
    if (!result.ok)
      return {
        ok: false,
        code: "conflict:document",
        message: "This document is not failed any more; a replay may already be running.",
      } as const;
    revalidatePath("/exceptions");
    return { ok: true } as const;
  });
}
