"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { handleAction } from "@/lib/actions";
import { invalid, type ActionResult } from "@/lib/errors";
import { formValues, type DialogFormState } from "@/lib/forms";
import { evaluateAlertRules, type AlertsEvaluation } from "@/services/alerts/evaluate";
import { addRule } from "@/services/alerts/add-rule";
import { changeAlertRule } from "@/services/alerts/update-rule";
import { authorize } from "@/services/auth/session";

const notFound = { ok: false, code: "not_found:alert_rule", message: "This alert rule does not exist." } as const;

const ruleFormSchema = z.object({
  enabled: z.literal("on").optional(),
  threshold: z.string().max(100, "Enter the threshold as a number, such as 10."),
  field: z.string().max(100).default(""),
  windowMinutes: z.string().max(100).default(""),
});

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

/** Each refused field's message beside it, and what was typed, to show again. */
function refused(errors: Record<string, string>, formData: FormData) {
  return {
    ok: false,
    code: "invalid",
    message: "The rule was not saved: fix the fields marked.",
    fieldErrors: Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, [message]])),
    submitted: formValues(formData),
  } as const;
}

/** One rule's settings as an admin saved them: all of them, or none and each bad field named beside it. */
export async function saveAlertRuleAction(_previous: DialogFormState, formData: FormData): Promise<DialogFormState> {
  return handleAction(async () => {
    const admin = await authorize("settings:view");
    const ruleId = z.uuid().safeParse(text(formData, "id"));
    if (!ruleId.success) return notFound;
    const parsed = ruleFormSchema.safeParse({
      enabled: text(formData, "enabled"),
      threshold: text(formData, "threshold") ?? "",
      field: text(formData, "field"),
      windowMinutes: text(formData, "windowMinutes"),
    });
    if (!parsed.success) return { ...invalid(parsed.error), submitted: formValues(formData) };
    const { enabled, ...values } = parsed.data;
    const saved = await changeAlertRule(
      ruleId.data,
      { ...values, enabled: enabled === "on" },
      { id: admin.id, label: admin.email },
    );
    if (!saved.ok && saved.reason === "not_found") return notFound;
    if (!saved.ok) return refused(saved.errors, formData);
    revalidatePath("/settings/alerts");
    revalidatePath("/monitor");
    return { ok: true } as const;
  });
}

/** A new rule: what it watches, its threshold and window; saved enabled, or refused with each bad field named. */
export async function addAlertRuleAction(_previous: DialogFormState, formData: FormData): Promise<DialogFormState> {
  return handleAction(async () => {
    const admin = await authorize("settings:view");
    const parsed = ruleFormSchema.extend({ kind: z.string().max(100) }).safeParse({
      kind: text(formData, "kind") ?? "",
      threshold: text(formData, "threshold") ?? "",
      field: text(formData, "field"),
      windowMinutes: text(formData, "windowMinutes"),
    });
    if (!parsed.success) return { ...invalid(parsed.error), submitted: formValues(formData) };
    const added = await addRule(parsed.data, { id: admin.id, label: admin.email });
    if (!added.ok) return refused(added.errors, formData);
    revalidatePath("/settings/alerts");
    return { ok: true } as const;
  });
}

/** Every enabled rule evaluated now, as the cron does every five minutes. */
export async function evaluateAlertsNowAction(
  _previous: ActionResult<AlertsEvaluation> | { ok: null },
): Promise<ActionResult<AlertsEvaluation>> {
  return handleAction(async () => {
    await authorize("settings:view");
    const data = await evaluateAlertRules();
    revalidatePath("/settings/alerts");
    revalidatePath("/monitor");
    return { ok: true, data } as const;
  });
}
