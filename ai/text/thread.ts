/** One message of a thread as it appears inside another's body: what headers it shows and its own text. */
export type ThreadSegment = { from?: string; to?: string; date?: string; subject?: string; body: string };
type Headers = Omit<ThreadSegment, "body">;

const separators = [
  /^-{2,}\s*Original Message\s*-{2,}$/i,
  /^-{2,}\s*Forwarded message\s*-{2,}$/i,
  /^-{2,}\s*Weitergeleitete Nachricht\s*-{2,}$/i,
  /^Begin forwarded message:$/i,
  /^_{10,}$/,
];
const headerLine = /^\*?(From|Sent|Date|To|Cc|Subject|Von|Gesendet|An|Betreff|Datum)\*?:\*?\s*(.*)$/i;
const attribution = /^(On\s.+\s(wrote|schrieb|a écrit|escribió)|Am\s.+schrieb.*|Le\s.+a écrit)\s*:\s*$/i;
const maxDepth = 100;

/**
 * Splits a message body into the messages it quotes, newest first: text before any history is the message itself;
 * "> " quoted blocks (after an "On … wrote:" line) and history below an "Original Message" or Outlook
 * "From: / Sent: / Subject:" block are older messages, split again the same way.
 */
export function splitThread(body: string, headers: Headers = {}, depth = 0): ThreadSegment[] {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const own: string[] = [];
  const quoted: string[] = [];
  let quotedHeaders: Headers = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const trimmed = line.trim();
    if (depth < maxDepth && (separators.some((pattern) => pattern.test(trimmed)) || startsOutlookHeaders(lines, i))) {
      const start = separators.some((pattern) => pattern.test(trimmed)) ? i + 1 : i;
      const { headers: older, next } = readHeaderBlock(lines, start);
      const rest = splitThread(lines.slice(next).join("\n"), older, depth + 1);
      return [segment(headers, own), ...nested(quoted, quotedHeaders, depth), ...rest];
    }
    const joined = `${trimmed} ${lines[i + 1]?.trim() ?? ""}`;
    if (
      quoted.length === 0 &&
      (attribution.test(trimmed) || (/^(On|Am|Le)\s/.test(trimmed) && attribution.test(joined)))
    ) {
      if (!attribution.test(trimmed)) i++;
      quotedHeaders = parseAttribution(attribution.test(trimmed) ? trimmed : joined);
      continue;
    }
    if (/^\s?>/.test(line)) quoted.push(line.replace(/^\s?> ?/, ""));
    else own.push(line);
  }
  return [segment(headers, own), ...nested(quoted, quotedHeaders, depth)];
}

function nested(quoted: string[], headers: Headers, depth: number): ThreadSegment[] {
  if (quoted.length === 0) return [];
  if (depth >= maxDepth) return [segment(headers, quoted)];
  return splitThread(quoted.join("\n"), headers, depth + 1);
}

function segment(headers: Headers, lines: string[]): ThreadSegment {
  return { ...headers, body: lines.join("\n").trim() };
}

/** Outlook puts no separator line before "From: … Sent: … To: … Subject: …"; two of those within six lines start one. */
function startsOutlookHeaders(lines: string[], at: number): boolean {
  if (!/^\*?(From|Von)\*?:/i.test(lines[at]?.trim() ?? "")) return false;
  const next = lines.slice(at + 1, at + 7).map((line) => line.trim());
  return (
    next.some((line) => /^\*?(Sent|Date|Gesendet|Datum)\*?:/i.test(line)) &&
    next.some((line) => /^\*?(Subject|Betreff)\*?:/i.test(line))
  );
}

function readHeaderBlock(lines: string[], start: number): { headers: Headers; next: number } {
  const headers: Headers = {};
  let i = start;
  while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  for (; i < lines.length; i++) {
    const match = headerLine.exec((lines[i] ?? "").trim());
    if (!match) break;
    const value = (match[2] ?? "").trim();
    switch ((match[1] ?? "").toLowerCase()) {
      case "from":
      case "von":
        headers.from = value;
        break;
      case "sent":
      case "date":
      case "gesendet":
      case "datum":
        headers.date = value;
        break;
      case "to":
      case "an":
        headers.to = value;
        break;
      case "subject":
      case "betreff":
        headers.subject = value;
        break;
    }
  }
  return { headers, next: i };
}

function parseAttribution(line: string): Headers {
  const match = /^On\s(.+),\s([^,]+?)\swrote:\s*$/i.exec(line) ?? /^Am\s(.+?)\sschrieb\s(.+?):\s*$/i.exec(line);
  if (!match) return {};
  return { date: match[1]?.trim(), from: match[2]?.trim() };
}

const signatureStarts = [
  /^--\s?$/,
  /^(Sent from my|Sent from Outlook|Get Outlook for|Von meinem .* gesendet)/i,
  /^(CONFIDENTIALITY NOTICE|DISCLAIMER|This (e-?mail|message)( and any (files|attachments)[^.]*)? (is|are|may be|contains?) (confidential|privileged|intended))/i,
];
const valediction =
  /^(best|kind|warm|many)?\s*(regards|wishes)[,!.]?$|^(thanks|thank you|many thanks|cheers|sincerely|best|yours sincerely|yours faithfully)[,!.]?$|^mit freundlichen grüßen[,]?$|^viele grüße[,]?$/i;

/**
 * Removes a message's signature and disclaimer: everything from an RFC "-- " line, a "Sent from my …" line or a
 * confidentiality notice, and the few lines of name and title after a closing "Best regards,".
 */
export function stripSignature(body: string): string {
  const lines = body.split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] ?? "").trim();
    if (signatureStarts.some((pattern) => pattern.test(trimmed))) {
      end = i;
      break;
    }
    // A sign-off near the end closes the message; below it come name, title, phone and address.
    if (valediction.test(trimmed) && lines.length - i <= 12) {
      end = i;
      break;
    }
  }
  return lines
    .slice(0, end)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const strongTerms = [
  /\bpurchase order\b/i,
  /\b(P\.?O\.?|order|invoice|quote|quotation)\s*(number|no\.?|nr\.?|#)\s*:?\s*[A-Z0-9-]*\d/i,
  /\binvoice\b/i,
  /\b(quotation|price (change|increase|list))\b/i,
  /\b(IBAN|BIC|SWIFT|sort code|account number|bank details)\b/i,
];
const weakTerms =
  /\b(qty|quantity|unit price|price|subtotal|sub-total|total|VAT|tax|amount due|payment terms|net \d+ days|due date|delivery date|ship to|bill to|SKU|item|pcs|units)\b/gi;

/** How much a message body reads like an order, invoice or similar business document; 6 or more usually is one. */
export function orderScore(body: string): number {
  let score = 0;
  for (const term of strongTerms) if (term.test(body)) score += 2;
  score += Math.min(6, new Set(Array.from(body.matchAll(weakTerms), (match) => match[0].toLowerCase())).size);
  score += Math.min(4, Array.from(body.matchAll(/\d[\d,.']*[.,]\d{2}\b/g)).length);
  score += /\b(EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|JPY)\b|[€$£]/.test(body) ? 1 : 0;
  score += Math.min(4, body.split("\n").filter((line) => (line.match(/\d+(?:[.,]\d+)?/g) ?? []).length >= 3).length);
  return score;
}
