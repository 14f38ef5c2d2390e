import { describe, expect, it } from "vitest";
import {
  defaultOperatingSettings,
  operatingSettingsFormSchema,
  operatingSettingsFormValues,
  operatingSettingsSchema,
} from "./settings";

const errorsOf = (form: Record<string, string>): Record<string, string[]> => {
  const parsed = operatingSettingsFormSchema.safeParse(form);
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error?.issues ?? []) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
};

describe("operating settings", () => {
  it("defaults to 45.00 EUR an hour and a 1 % QA sample", () => {
    expect(defaultOperatingSettings).toEqual({
      handlingHourlyRateMinor: 4500,
      handlingRateCurrency: "EUR",
      qaSampleRate: 0.01,
    });
    expect(operatingSettingsSchema.parse(defaultOperatingSettings)).toEqual(defaultOperatingSettings);
  });

  it("reads the form into minor units and a share: 52.50 EUR and 2.5 %", () => {
    expect(operatingSettingsFormSchema.parse({ hourlyRate: "52.50", currency: "eur", qaSamplePercent: "2.5" })).toEqual(
      {
        handlingHourlyRateMinor: 5250,
        handlingRateCurrency: "EUR",
        qaSampleRate: 0.025,
      },
    );
  });

  it("keeps a small share exact: 0.1 % is 0.001", () => {
    expect(
      operatingSettingsFormSchema.parse({ hourlyRate: "45", currency: "EUR", qaSamplePercent: "0.1" }).qaSampleRate,
    ).toBe(0.001);
  });

  it("takes 0 and 100 % and whole amounts in a currency without decimals", () => {
    expect(operatingSettingsFormSchema.parse({ hourlyRate: "6000", currency: "JPY", qaSamplePercent: "100" })).toEqual({
      handlingHourlyRateMinor: 6000,
      handlingRateCurrency: "JPY",
      qaSampleRate: 1,
    });
    expect(
      operatingSettingsFormSchema.parse({ hourlyRate: "0", currency: "EUR", qaSamplePercent: "0" }).qaSampleRate,
    ).toBe(0);
  });

  it("refuses a share above 100 % or not a number, beside the share", () => {
    expect(errorsOf({ hourlyRate: "45", currency: "EUR", qaSamplePercent: "101" })).toEqual({
      qaSamplePercent: ["The share cannot be more than 100 %."],
    });
    expect(errorsOf({ hourlyRate: "45", currency: "EUR", qaSamplePercent: "5%" })).toEqual({
      qaSamplePercent: ["Enter a percentage from 0 to 100, such as 1 or 2.5, without the % sign."],
    });
    expect(errorsOf({ hourlyRate: "45", currency: "EUR", qaSamplePercent: "-1" }).qaSamplePercent).toHaveLength(1);
  });

  it("refuses a rate that is not an amount or has too many decimals, beside the rate", () => {
    expect(errorsOf({ hourlyRate: "lots", currency: "EUR", qaSamplePercent: "1" })).toEqual({
      hourlyRate: ["Enter an amount such as 45.00, without a currency sign."],
    });
    expect(errorsOf({ hourlyRate: "45.001", currency: "EUR", qaSamplePercent: "1" })).toEqual({
      hourlyRate: ["EUR amounts have at most 2 decimals."],
    });
    expect(errorsOf({ hourlyRate: "", currency: "EUR", qaSamplePercent: "1" }).hourlyRate?.[0]).toMatch(
      /^Enter the hourly rate/,
    );
  });

  it("refuses a currency that is not an ISO code, beside the currency", () => {
    expect(errorsOf({ hourlyRate: "45", currency: "EURO", qaSamplePercent: "1" })).toEqual({
      currency: ["Use a three-letter ISO currency code, such as EUR or USD."],
    });
  });

  it("shows the settings back as typed: major units and percent", () => {
    expect(
      operatingSettingsFormValues({ handlingHourlyRateMinor: 5250, handlingRateCurrency: "EUR", qaSampleRate: 0.025 }),
    ).toEqual({
      hourlyRate: "52.50",
      currency: "EUR",
      qaSamplePercent: "2.5",
    });
    expect(operatingSettingsFormValues(defaultOperatingSettings).qaSamplePercent).toBe("1");
  });
});
