import { z } from "zod";
import { isIsoDay } from "../fx-import";
import { isCurrencyCode, parseAmount } from "../money";
import { csvLines, splitCsvLine } from "./csv";

/**
 * Customers and orders as a CSV an admin exports from their shop. All or nothing, like exchange rates: any bad line
 * refuses the file, and every problem is named with its line number and what to write instead.
 */

export const customerCsvHeader = "email,name";
export const orderCsvHeader = "reference,customer_email,currency,total,paid_at,status";

/** More lines than this is a bulk migration, not an import from a form; split the file. */
export const maxImportLines = 50_000;

export const orderStatuses = ["pending", "paid", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatusLabels: Record<OrderStatus, string> = {
  pending: "Pending payment",
  paid: "Paid",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

export const customerEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Write a valid email address, such as ana@example.com."));

export const customerRowSchema = z.object({
  email: customerEmailSchema,
  name: z.string().trim().min(1, "Write the customer's name.").max(200, "Keep the name under 200 characters."),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

const paidAtSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return null;
    if (isIsoDay(text)) return new Date(`${text}T00:00:00Z`);
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : null;
    if (at && !Number.isNaN(at.getTime())) return at;
    ctx.addIssue({
      code: "custom",
      message: `"${text.slice(0, 40)}" is not a date; write YYYY-MM-DD or an ISO time such as 2026-03-02T14:05:00Z, or leave it empty if unpaid.`,
    });
    return z.NEVER;
  });

export const orderRowSchema = z
  .object({
    reference: z
      .string()
      .trim()
      .min(1, "Write the order's reference.")
      .max(100, "Keep the reference under 100 characters."),
    customerEmail: customerEmailSchema,
    currency: z.string().trim().toUpperCase().refine(isCurrencyCode, "Write an ISO 4217 currency code, such as EUR."),
    total: z.string().trim(),
    paidAt: paidAtSchema,
    status: z.enum(orderStatuses, `Write one of ${orderStatuses.join(", ")}.`),
  })
  .transform(({ total, ...row }, ctx) => {
    const totalMinor = isCurrencyCode(row.currency) ? parseAmount(total, row.currency) : 0;
    if (totalMinor === null) {
      ctx.addIssue({
        code: "custom",
        path: ["total"],
        message: `"${total.slice(0, 40)}" is not an amount in ${row.currency}; write it with a decimal point, such as 49.90.`,
      });
      return z.NEVER;
    }
    return { ...row, totalMinor };
  });
export type OrderRow = z.infer<typeof orderRowSchema>;

/** A parsed row with the line it came from, so a later check (an unknown customer) can name it too. */
export type Numbered<T> = T & { line: number };
export type CsvResult<T> = { ok: true; rows: Numbered<T>[] } | { ok: false; errors: string[] };

function parseCsv<T>(
  text: string,
  spec: {
    header: string;
    example: string;
    noun: string;
    schema: z.ZodType<T>;
    toInput: (cells: string[]) => Record<string, string>;
    key: (row: T) => string;
    keyName: string;
  },
): CsvResult<T> {
  const [header, ...body] = csvLines(text);
  if (!header)
    return {
      ok: false,
      errors: [
        `The file is empty: write the header ${spec.header}, then one ${spec.noun} a line, such as ${spec.example}.`,
      ],
    };
  const names = splitCsvLine(header.line)?.map((c) => c.toLowerCase());
  if (names?.join(",") !== spec.header)
    return {
      ok: false,
      errors: [
        `Line ${String(header.number)}: the first line must be the header ${spec.header}; it is "${header.line.slice(0, 80)}".`,
      ],
    };
  if (body.length === 0)
    return {
      ok: false,
      errors: [`The file has a header and no ${spec.noun}s: add one a line, such as ${spec.example}.`],
    };
  if (body.length > maxImportLines)
    return {
      ok: false,
      errors: [
        `The file has ${String(body.length)} ${spec.noun}s; import at most ${String(maxImportLines)} at a time.`,
      ],
    };
  const columns = spec.header.split(",").length;
  const errors: string[] = [];
  const rows: Numbered<T>[] = [];
  const seen = new Map<string, number>();
  for (const { line, number } of body) {
    const where = `Line ${String(number)}`;
    const cells = splitCsvLine(line);
    if (cells === null) {
      errors.push(`${where}: a quote is opened and never closed; close it, or double a quote inside a cell ("").`);
      continue;
    }
    if (cells.length !== columns) {
      errors.push(
        `${where}: expected ${String(columns)} values (${spec.header}), found ${String(cells.length)}; put a value with a comma in quotes.`,
      );
      continue;
    }
    const parsed = spec.schema.safeParse(spec.toInput(cells));
    if (!parsed.success) {
      errors.push(`${where}: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
      continue;
    }
    const key = spec.key(parsed.data);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(`${where}: ${spec.keyName} ${key} is already on line ${String(first)}; keep one of them.`);
      continue;
    }
    seen.set(key, number);
    rows.push({ ...parsed.data, line: number });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

/** A CSV of customers, `email,name`. Emails are compared in lower case, as Keel stores them. */
export function parseCustomersCsv(text: string): CsvResult<CustomerRow> {
  return parseCsv(text, {
    header: customerCsvHeader,
    example: "ana@example.com,Ana Souza",
    noun: "customer",
    schema: customerRowSchema,
    toInput: ([email = "", name = ""]) => ({ email, name }),
    key: (row) => row.email,
    keyName: "the email",
  });
}

/** A CSV of orders, `reference,customer_email,currency,total,paid_at,status`; totals in the currency's units. */
export function parseOrdersCsv(text: string): CsvResult<OrderRow> {
  return parseCsv(text, {
    header: orderCsvHeader,
    example: "A-1001,ana@example.com,EUR,49.90,2026-03-02,paid",
    noun: "order",
    schema: orderRowSchema,
    toInput: ([reference = "", customerEmail = "", currency = "", total = "", paidAt = "", status = ""]) => ({
      reference,
      customerEmail,
      currency,
      total,
      paidAt,
      status,
    }),
    key: (row) => row.reference,
    keyName: "the reference",
  });
}
