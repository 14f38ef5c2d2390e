import { z } from "zod";
import {
  documentClasses,
  type Evidence,
  type ExtractedFields,
  type ExtractedText,
  type Extraction,
  type Field,
} from "@/domain/documents/types";
import { isCurrencyCode, minorDigits } from "@/domain/money";

/** What a model returns through the record_extraction tool; values as text, converted exactly afterwards. */
const evidenceSchema = z.object({ page: z.number().int().min(1), quote: z.string().min(1).max(500) }).nullable();

function fieldSchema<T extends z.ZodType>(value: T) {
  return z.object({ value: value.nullable(), confidence: z.number().min(0).max(1), evidence: evidenceSchema });
}

const amount = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal string like 1234.56");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date YYYY-MM-DD");

export const modelOutputSchema = z.object({
  documentClass: fieldSchema(z.enum(documentClasses)),
  vendorName: fieldSchema(z.string().min(1)),
  vendorTaxId: fieldSchema(z.string().min(1)),
  documentNumber: fieldSchema(z.string().min(1)),
  poNumber: fieldSchema(z.string().min(1)),
  issueDate: fieldSchema(isoDate),
  dueDate: fieldSchema(isoDate),
  currency: fieldSchema(z.string().refine(isCurrencyCode, "an ISO 4217 currency code")),
  subtotal: fieldSchema(amount),
  tax: fieldSchema(amount),
  total: fieldSchema(amount),
  paymentTerms: fieldSchema(z.string()),
  bankDetails: fieldSchema(
    z.object({
      iban: z.string().nullable(),
      bic: z.string().nullable(),
      accountNumber: z.string().nullable(),
      sortCode: z.string().nullable(),
      accountName: z.string().nullable(),
    }),
  ),
  lines: z
    .array(
      z.object({
        description: fieldSchema(z.string()),
        quantity: fieldSchema(z.number()),
        unitPrice: fieldSchema(amount),
        amount: fieldSchema(amount),
      }),
    )
    .max(500),
});

export type ModelOutput = z.infer<typeof modelOutputSchema>;

/** The tool's input schema for the Messages API, from the same zod schema the output is checked against. */
export const modelOutputJsonSchema = z.toJSONSchema(modelOutputSchema, { target: "draft-7" }) as Record<
  string,
  unknown
>;

export function describeProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 20)
    .map((issue) => `- ${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("\n");
}

/** Decimal string → minor units in `currency`, exactly; null when it has more decimals than the currency. */
export function decimalToMinor(value: string, currency: string): number | null {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = value.replace(/^-/, "").split(".");
  const digits = minorDigits(currency);
  if (fraction.replace(/0+$/, "").length > digits) return null;
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.slice(0, digits).padEnd(digits, "0") || "0");
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return negative ? -Number(minor) : Number(minor);
}

const normalise = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** Finds the model's quote on its page, so evidence points at real characters; null when it is not there. */
export function locateEvidence(text: ExtractedText, page: number, quote: string): Evidence | null {
  const source = text.pages.find((p) => p.page === page);
  if (!source) return null;
  const exact = source.text.indexOf(quote);
  if (exact >= 0) return { page, start: exact, end: exact + quote.length, text: quote };
  // Models often change whitespace; match on a whitespace-folded copy and map the offsets back.
  const map: number[] = [];
  let folded = "";
  for (let i = 0; i < source.text.length; i++) {
    const ch = source.text[i] ?? "";
    if (/\s/.test(ch)) {
      if (folded.endsWith(" ") || folded.length === 0) continue;
      folded += " ";
    } else folded += ch.toLowerCase();
    map.push(i);
  }
  const at = folded.indexOf(normalise(quote));
  if (at < 0) return null;
  const start = map[at] ?? 0;
  const end = (map[at + normalise(quote).length - 1] ?? start) + 1;
  return { page, start, end, text: source.text.slice(start, end) };
}

/** A quote that cannot be found on its page makes the value less trustworthy, not wrong. */
const UNLOCATED_PENALTY = 0.7;

function toField<T, U>(
  field: { value: T | null; confidence: number; evidence: { page: number; quote: string } | null },
  text: ExtractedText,
  convert: (v: T) => U | null,
): Field<U> {
  if (field.value === null) return { value: null, confidence: 0, evidence: null };
  const value = convert(field.value);
  if (value === null) return { value: null, confidence: 0, evidence: null };
  const evidence = field.evidence ? locateEvidence(text, field.evidence.page, field.evidence.quote) : null;
  return { value, confidence: evidence ? field.confidence : field.confidence * UNLOCATED_PENALTY, evidence };
}

export function toExtraction(
  output: ModelOutput,
  text: ExtractedText,
  provider: string,
  promptVersion: string,
): Extraction {
  const currency = output.currency.value && isCurrencyCode(output.currency.value) ? output.currency.value : "EUR";
  const same = <T>(v: T) => v;
  const money = (v: string) => decimalToMinor(v, currency);
  const fields: ExtractedFields = {
    vendorName: toField(output.vendorName, text, same),
    vendorTaxId: toField(output.vendorTaxId, text, same),
    documentNumber: toField(output.documentNumber, text, same),
    poNumber: toField(output.poNumber, text, same),
    issueDate: toField(output.issueDate, text, same),
    dueDate: toField(output.dueDate, text, same),
    currency: toField(output.currency, text, same),
    subtotalMinor: toField(output.subtotal, text, money),
    taxMinor: toField(output.tax, text, money),
    totalMinor: toField(output.total, text, money),
    paymentTerms: toField(output.paymentTerms, text, same),
    bankDetails: toField(output.bankDetails, text, same),
    lines: output.lines.map((line) => ({
      description: toField(line.description, text, same),
      quantity: toField(line.quantity, text, same),
      unitPriceMinor: toField(line.unitPrice, text, money),
      amountMinor: toField(line.amount, text, money),
    })),
  };
  return { documentClass: toField(output.documentClass, text, same), fields, provider, promptVersion };
}
