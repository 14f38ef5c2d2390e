/**
 * The order a customer's email names, when it names one the way shops print them: a prefix of letters and a
 * number joined by a hyphen ("DEMO-1001", "SO-20931"). The subject is what a customer writes for the shop, so it
 * wins over the body, where quoted mail and signatures carry other numbers. A guess is only a lead: the run looks the
 * reference up among the customer's own orders, and an unknown one becomes a finding, never a refund.
 */

/** Letters (a digit may follow the first), a hyphen, at least three digits; never inside a longer word or number. */
const referencePattern = /(?<![\w-])([A-Za-z][A-Za-z0-9]{1,9})-(\d{3,12})(?![\w-])/g;

/** Only the opening of a long body is searched: a reference is written near the top, and 5 MB bodies exist. */
export const orderReferenceScanChars = 20_000;

/** The first order reference in the subject, else in the body's opening, upper-cased; null when there is none. */
export function findOrderReference(subject: string, body: string): string | null {
  return firstReference(subject) ?? firstReference(body.slice(0, orderReferenceScanChars));
}

function firstReference(text: string): string | null {
  for (const match of text.matchAll(referencePattern)) {
    const [, prefix, number] = match;
    if (prefix === undefined || number === undefined) continue;
    // A prefix of digits and letters mixed is a part number or a date-like code more often than an order.
    if (!/^[A-Za-z]+$/.test(prefix)) continue;
    return `${prefix.toUpperCase()}-${number}`;
  }
  return null;
}
