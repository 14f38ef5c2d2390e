import type { Field } from "@/domain/documents/types";
import type { DocContext } from "./context";
import { field } from "./fields";
import { evidenceAt } from "./lines";
import { foldAccents } from "./locate";

// Argentine invoices print the number in two labelled parts: "Punto de Venta: 0003   Comp. Nro: 00001284".
const salesPoint =
  /punto\s?de\s?venta\s?:?\s{0,8}(\d{1,5})\s{1,40}comp(?:robante)?\.?\s?n(?:ro|[°º]|o)?\.?\s?:?\s{0,8}(\d{1,8})(?!\d)/iu;

/** The invoice number a sales point and a voucher number make together ("0003-00001284"), or null. */
export function salesPointNumber(ctx: DocContext): Field<string> | null {
  for (const line of ctx.lines) {
    const m = salesPoint.exec(foldAccents(line.text));
    if (!m?.[1] || !m[2]) continue;
    return field(`${m[1]}-${m[2]}`, 0.9, evidenceAt(line, m.index, m.index + m[0].length));
  }
  return null;
}
