"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { invalid, type ActionResult } from "@/lib/errors";
import { createApiKey, revokeApiKey } from "@/services/api-keys/api-keys";

const createSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the key after the system that uses it.")
    .max(100, "Keep the name under 100 characters."),
  // An unticked checkbox is absent from the form; only "on" grants the wider scope.
  readAll: z.literal("on").optional(),
});

export type CreateKeyState = ActionResult<{ secret: string; name: string }> | { ok: null };

export async function createApiKeyAction(_previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  return handleAction(async () => {
    const admin = await authorize("api_keys:manage");
    const parsed = createSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return invalid(parsed.error);
    const { key, secret } = await createApiKey(
      { name: parsed.data.name, readAll: parsed.data.readAll === "on" },
      { id: admin.id, label: admin.email },
    );
    revalidatePath("/settings/api-keys");
    return { ok: true, data: { secret, name: key.name } } as const;
  });
}

export async function revokeApiKeyAction(input: { keyId: string }): Promise<ActionResult> {
  return handleAction(async () => {
    const admin = await authorize("api_keys:manage");
    const parsed = z.object({ keyId: z.uuid() }).safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const revoked = await revokeApiKey(parsed.data.keyId, { id: admin.id, label: admin.email });
    if (!revoked) return { ok: false, code: "conflict:api_key", message: "This key is already revoked." } as const;
    revalidatePath("/settings/api-keys");
    return { ok: true } as const;
  });
}
