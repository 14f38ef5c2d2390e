import { z } from "zod";
import { isCurrencyCode, minorDigits, parseAmount, toDecimalString } from "../money";

/** How Keel is operated: what an hour of human handling costs, and the share of auto-posted documents sampled for QA. */
export const operatingSettingsSchema = z.object({
  handlingHourlyRateMinor: z.number().int().nonnegative().max(2_147_483_647),
  handlingRateCurrency: z.string().refine(isCurrencyCode, "Use a three-letter ISO currency code, such as EUR or USD."),
  // A share in [0, 1]: 0.01 samples one auto-posted document in a hundred.
  qaSampleRate: z.number().min(0).max(1),
});

export type OperatingSettings = { handlingHourlyRateMinor: number; handlingRateCurrency: string; qaSampleRate: number };

/** What Keel runs with until an admin saves Settings → Operations: 45.00 EUR an hour, 1 % sampled. */
export const defaultOperatingSettings: OperatingSettings = {
  handlingHourlyRateMinor: 4500,
  handlingRateCurrency: "EUR",
  qaSampleRate: 0.01,
};

const percentPattern = /^\d{1,3}(\.\d{1,4})?$/;

/**
 * The Settings → Operations form as typed: the hourly rate in major units with its currency, the QA share in
 * percent. It reads into `OperatingSettings`; every refusal names its field and says what to type instead.
 */
export const operatingSettingsFormSchema = z
  .object({
    hourlyRate: z
      .string()
      .trim()
      .min(1, "Enter the hourly rate of handling time, such as 45.00.")
      .regex(/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/, "Enter an amount such as 45.00, without a currency sign."),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrencyCode, "Use a three-letter ISO currency code, such as EUR or USD."),
    qaSamplePercent: z
      .string()
      .trim()
      .min(1, "Enter the share of auto-posted documents to review, from 0 to 100 (1 is the default).")
      .regex(percentPattern, "Enter a percentage from 0 to 100, such as 1 or 2.5, without the % sign.")
      // Judged only on a well-formed number, so "5%" gets one message, not two.
      .refine((typed) => !percentPattern.test(typed) || Number(typed) <= 100, "The share cannot be more than 100 %."),
  })
  .transform((value, ctx): OperatingSettings | typeof z.NEVER => {
    const minor = parseAmount(value.hourlyRate, value.currency);
    if (minor === null || minor > 2_147_483_647) {
      ctx.addIssue({
        code: "custom",
        path: ["hourlyRate"],
        message:
          minor === null
            ? `${value.currency} amounts have at most ${String(minorDigits(value.currency))} decimals.`
            : "That hourly rate is too large; enter a realistic rate.",
      });
      return z.NEVER;
    }
    return {
      handlingHourlyRateMinor: minor,
      handlingRateCurrency: value.currency,
      qaSampleRate: percentToShare(value.qaSamplePercent),
    };
  });

export type OperatingSettingsForm = z.input<typeof operatingSettingsFormSchema>;

/** "2.5" → 0.025, computed on the digits so 0.1 % does not become 0.0010000000000000002. */
function percentToShare(typed: string): number {
  const [whole = "0", fraction = ""] = typed.split(".");
  return Number(`${whole}${fraction.padEnd(4, "0")}`) / 1_000_000;
}

/** The settings as the form shows them: the rate in major units, the share in percent. */
export function operatingSettingsFormValues(settings: OperatingSettings): OperatingSettingsForm {
  const percent = Math.round(settings.qaSampleRate * 1_000_000) / 10_000;
  return {
    hourlyRate: toDecimalString({ minor: settings.handlingHourlyRateMinor, currency: settings.handlingRateCurrency }),
    currency: settings.handlingRateCurrency,
    qaSamplePercent: String(percent),
  };
}
