import { z } from "zod";
import { isCurrencyCode, minorDigits, parseAmount } from "./money";
import { passwordProblem } from "./password-policy";
import { roles } from "./roles";

export { roleLabels, roles } from "./roles";

const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, "Use a three-letter ISO currency code, such as EUR or USD.");

/** The approval limit as typed plus its currency, read into integer minor units. */
const limitFields = {
  approvalLimit: z
    .string()
    .trim()
    .min(1, "Enter an approval limit (0 if this user approves nothing).")
    .regex(/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/, "Enter an amount such as 7500.00."),
  approvalCurrency: currencySchema,
};

function withMinorLimit<T extends { approvalLimit: string; approvalCurrency: string }>(
  value: T,
  ctx: z.RefinementCtx,
): (Omit<T, "approvalLimit"> & { approvalLimitMinor: number }) | typeof z.NEVER {
  const minor = parseAmount(value.approvalLimit, value.approvalCurrency);
  if (minor === null) {
    ctx.addIssue({
      code: "custom",
      path: ["approvalLimit"],
      message: `${value.approvalCurrency} amounts have at most ${String(minorDigits(value.approvalCurrency))} decimals.`,
    });
    return z.NEVER;
  }
  const { approvalLimit: _typed, ...rest } = value;
  return { ...rest, approvalLimitMinor: minor };
}

export const createUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
    name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
    role: z.enum(roles, "Choose a role."),
    password: z.string(),
    ...limitFields,
  })
  // The policy judges the password with what an attacker would know of this person: their email and name.
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, [value.email, value.name]);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  })
  .transform(withMinorLimit);

export type CreateUserForm = z.input<typeof createUserSchema>;
export type CreateUserData = z.output<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    userId: z.uuid("Unknown user."),
    role: z.enum(roles, "Choose a role."),
    ...limitFields,
  })
  .transform(withMinorLimit);

export type UpdateUserData = z.output<typeof updateUserSchema>;
